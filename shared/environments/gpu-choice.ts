import type { GpuRequest } from '../domain/gpu-request.ts';
import type { GpuSource } from './resolved.ts';

/** Readiness states in which a GPU request reaches the containers (shared/domain/gpu.ts). */
const READY = new Set(['verified', 'likely_gpus', 'ready_cdi']);

export interface GpuChoice {
  request: GpuRequest;
  /** Why no GPU was asked for although the config wanted one; null otherwise. */
  note: string | null;
}

/** `--gpus` values as docker/cli reads them: all, a count, count=N, device=ID[,ID]. */
export function gpusFlagToRequest(value: string): GpuRequest {
  const text = value.replace(/^"|"$/g, '').trim();
  if (text === 'all' || text === 'count=all') return { mode: 'all' };
  const count = text.match(/^(?:count=)?(\d+)$/);
  if (count) return Number(count[1]) === 0 ? { mode: 'none' } : { mode: 'count', count: Number(count[1]) };
  const devices = text.match(/device=([^"]+)/);
  if (devices) return { mode: 'devices', deviceIds: devices[1].split(',').map((id) => id.trim()).filter(Boolean) };
  return { mode: 'all' };
}

/**
 * A GPU request only when the engine is GPU-ready: `--gpus` and `hostRequirements.gpu` on an engine
 * that cannot hand GPUs to containers start the environment without them (and say so), as the
 * reference CLI does for hostRequirements.
 */
export function chooseGpuRequest(source: GpuSource, readiness: { state: string; reason: string } | null, wanted: 'auto' | 'none'): GpuChoice {
  if (source.from === 'none') return { request: { mode: 'none' }, note: null };
  if (wanted === 'none') return { request: { mode: 'none' }, note: 'GPUs were turned off for this launch.' };
  if (!readiness || !READY.has(readiness.state)) {
    const why = readiness ? readiness.reason : 'the GPU check did not answer';
    return { request: { mode: 'none' }, note: `The config asks for GPUs but the engine is not GPU-ready (${why}): starting without GPUs.` };
  }
  return { request: source.from === 'runArgs' && source.value ? gpusFlagToRequest(source.value) : { mode: 'all' }, note: null };
}
