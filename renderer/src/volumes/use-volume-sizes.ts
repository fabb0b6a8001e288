import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VolumeSize } from '../../../shared/domain/volumes.ts';
import { useApiClient } from '../api/api-context.tsx';

const SIZES_KEY = ['volumes.sizes', {}] as const;

/**
 * Volume sizes, measured only when asked (the engine walks every file of the volume): `measureAll`
 * fills the cache for every volume, `measure(name)` merges one in.
 */
export function useVolumeSizes() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SIZES_KEY, queryFn: () => api.call('volumes.sizes', {}), enabled: false, staleTime: Infinity });
  const one = useMutation({
    mutationKey: ['volumes.sizes.one'],
    mutationFn: (name: string) => api.call('volumes.sizes', { names: [name] }),
    onSuccess: (sizes) =>
      queryClient.setQueryData<VolumeSize[]>(SIZES_KEY, (old) => [...(old ?? []).filter((s) => !sizes.some((n) => n.name === s.name)), ...sizes]),
  });
  const byName = new Map((query.data ?? []).map((s) => [s.name, s.size] as const));
  return {
    sizeOf: (name: string): number | null | undefined => (byName.has(name) ? byName.get(name) : undefined),
    measureAll: () => void query.refetch(),
    measuringAll: query.isFetching,
    measure: (name: string) => one.mutate(name),
    measuring: one.isPending ? one.variables : null,
    error: query.error ?? one.error,
  };
}
