import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GpuInventory } from '../../../shared/domain/gpu.ts';
import { useApiClient } from '../api/api-context.tsx';
import { GPU_INVENTORY_KEY } from './use-gpu-inventory.ts';

export const GPU_PROCESSES_KEY = ['gpu.processes', {}] as const;

/** The full inventory (drivers, probe log) for the GPU page; shares the cache entry with useGpuInventory. */
export function useGpuInventoryQuery() {
  const api = useApiClient();
  return useQuery({ queryKey: GPU_INVENTORY_KEY, queryFn: () => api.call('gpu.inventory', {}), staleTime: 60_000 });
}

/** Processes on the GPUs with their containers; refetched by the page when used memory changes. */
export function useGpuProcesses(enabled: boolean) {
  const api = useApiClient();
  return useQuery({ queryKey: GPU_PROCESSES_KEY, queryFn: () => api.call('gpu.processes', {}), enabled, staleTime: Infinity });
}

/** Probes again (Refresh) and stores the new inventory. */
export function useGpuRefresh() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['gpu.inventory', 'refresh'],
    mutationFn: () => api.call('gpu.inventory', { refresh: true }),
    onSuccess: (inventory) => {
      queryClient.setQueryData(GPU_INVENTORY_KEY, inventory);
      void queryClient.invalidateQueries({ queryKey: GPU_PROCESSES_KEY });
    },
  });
}

/** Test GPU: runs a short container with a GPU request; the readiness it reports replaces the cached one. */
export function useGpuTest() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['gpu.test'],
    mutationFn: () => api.call('gpu.test', {}),
    onSuccess: (result) => {
      queryClient.setQueryData<GpuInventory>(GPU_INVENTORY_KEY, (old) => (old ? { ...old, readiness: result.readiness } : old));
      void queryClient.invalidateQueries({ queryKey: GPU_INVENTORY_KEY });
    },
  });
}
