import { useQuery } from '@tanstack/react-query';
import type { GpuDevice, GpuReadiness } from '../../../shared/domain/gpu.ts';
import { useApiClient } from '../api/api-context.tsx';

export const GPU_INVENTORY_KEY = ['gpu.inventory', {}] as const;

export interface GpuInventoryView {
  gpus: GpuDevice[];
  readiness: GpuReadiness | null;
  /** A sentence for GpuPicker's `disabledReason` when containers cannot get GPUs; null when they can. */
  disabledReason: string | null;
  isPending: boolean;
  error: Error | null;
}

const USABLE: ReadonlySet<GpuReadiness['state']> = new Set(['ready_cdi', 'likely_gpus', 'verified']);

/** The GPUs and the engine's readiness, probed once by the core and cached (the Run dialog uses it). */
export function useGpuInventory(): GpuInventoryView {
  const api = useApiClient();
  const query = useQuery({
    queryKey: GPU_INVENTORY_KEY,
    queryFn: () => api.call('gpu.inventory', {}),
    staleTime: 60_000,
  });
  const readiness = query.data?.readiness ?? null;
  const disabledReason =
    readiness && !USABLE.has(readiness.state) ? [readiness.reason, readiness.fix].filter(Boolean).join(' ') : null;
  return { gpus: query.data?.gpus ?? [], readiness, disabledReason, isPending: query.isPending, error: query.error };
}
