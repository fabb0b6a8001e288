import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useEndpointsUi } from './endpoints-ui-store.ts';

/** Every model endpoint: open it, or remove it (the Endpoints page asks first). */
export function useEndpointItems(): readonly PaletteItem[] {
  const api = useApiClient();
  const list = useQuery({ queryKey: ['endpoints.list', {}], queryFn: () => api.call('endpoints.list', {}), staleTime: 10_000 });
  return useMemo(
    () =>
      (list.data ?? []).flatMap((endpoint) => {
        const keywords = `endpoint serve model ${endpoint.model} ${endpoint.state}`;
        return [
          {
            id: `endpoint:${endpoint.name}`,
            label: `Open endpoint ${endpoint.name}`,
            group: 'Endpoints',
            keywords,
            run: () => {
              useEndpointsUi.getState().select(endpoint.name);
              useUiStore.getState().setPage('endpoints');
            },
          },
          {
            id: `endpoint-remove:${endpoint.name}`,
            label: `Remove endpoint ${endpoint.name}…`,
            group: 'Endpoints',
            keywords: `${keywords} delete remove`,
            run: () => {
              useEndpointsUi.getState().select(endpoint.name);
              useUiStore.getState().setPage('endpoints');
              useEndpointsUi.getState().requestRemove(endpoint.name);
            },
          },
        ];
      }),
    [list.data],
  );
}
