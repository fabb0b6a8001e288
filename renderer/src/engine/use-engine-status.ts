import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import { CONTAINERS_LIST_KEY } from '../live/lists.ts';

export const ENGINE_STATUS_KEY = ['engine.status', {}] as const;

/** Which engine Benchtop talks to (or why none), asked once; Retry re-resolves it. */
export function useEngineStatus() {
  const api = useApiClient();
  return useQuery({
    queryKey: ENGINE_STATUS_KEY,
    queryFn: () => api.call('engine.status', {}),
    staleTime: Infinity,
  });
}

/** `engine.reconnect`: resolves the engine again and stores the new status in the cache. */
export function useEngineReconnect() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['engine.reconnect'],
    mutationFn: () => api.call('engine.reconnect', {}),
    onSuccess: (status) => {
      queryClient.setQueryData(ENGINE_STATUS_KEY, status);
      if (status.connected) void queryClient.invalidateQueries({ queryKey: CONTAINERS_LIST_KEY });
    },
  });
}
