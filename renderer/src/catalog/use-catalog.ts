import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { InputOf, OutputOf } from '../../../shared/api/contract.ts';
import type { catalogMethods } from '../../../shared/api/methods/catalog.ts';
import { useApiClient } from '../api/api-context.tsx';

type CatalogQuery = { [K in keyof typeof catalogMethods]: (typeof catalogMethods)[K]['kind'] extends 'query' ? K : never }[keyof typeof catalogMethods];

/** A catalog query, keyed `[method, input]` as everywhere else. */
export function useCatalogQuery<M extends CatalogQuery>(method: M, input: InputOf<M>, enabled = true) {
  const api = useApiClient();
  return useQuery({ queryKey: [method, input], queryFn: () => api.call(method, input) as Promise<OutputOf<M>>, enabled });
}

/** After a change: every models.* and features.* query refetches. */
export function invalidateCatalog(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && /^(models|features)\./.test(query.queryKey[0]) });
}

/** Steps register models and features when they succeed: refresh the catalog then. */
export function useCatalogFollowsRuns(): void {
  const api = useApiClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.subscribe('runs.events', {}, (event) => {
        if ((event.type === 'step' && event.state === 'succeeded') || (event.type === 'run' && event.state !== 'running')) void invalidateCatalog(queryClient);
      }),
    [api, queryClient],
  );
}
