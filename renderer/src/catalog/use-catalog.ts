import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';

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
