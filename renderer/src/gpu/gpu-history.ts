import type { GpuSample } from '../../../shared/domain/gpu.ts';

export const HISTORY_LENGTH = 60;

/** The last samples per GPU id, oldest first. */
export type GpuHistory = ReadonlyMap<string, readonly GpuSample[]>;

/** Appends one poll's samples, keeping at most `length` per GPU. Pure: returns a new map. */
export function appendSamples(history: GpuHistory, samples: readonly GpuSample[], length = HISTORY_LENGTH): GpuHistory {
  if (samples.length === 0) return history;
  const next = new Map(history);
  for (const sample of samples) {
    const previous = next.get(sample.gpuId) ?? [];
    const list = previous.length >= length ? previous.slice(previous.length - length + 1) : previous.slice();
    list.push(sample);
    next.set(sample.gpuId, list);
  }
  return next;
}
