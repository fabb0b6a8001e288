import { describe, expect, it } from 'vitest';
import type { GpuSample } from '../../../shared/domain/gpu.ts';
import { appendSamples } from './gpu-history.ts';

const sample = (gpuId: string, ts: number): GpuSample => ({ gpuId, ts, utilPct: ts, memUtilPct: null, memUsedMiB: null, memTotalMiB: null, tempC: null, powerW: null, powerLimitW: null });

describe('appendSamples', () => {
  it('keeps the last N per GPU, oldest first', () => {
    let history = appendSamples(new Map(), [sample('a', 1), sample('b', 1)], 2);
    history = appendSamples(history, [sample('a', 2)], 2);
    history = appendSamples(history, [sample('a', 3)], 2);
    expect(history.get('a')?.map((s) => s.ts)).toEqual([2, 3]);
    expect(history.get('b')?.map((s) => s.ts)).toEqual([1]);
  });
  it('returns the same map for an empty poll', () => {
    const history = new Map();
    expect(appendSamples(history, [])).toBe(history);
  });
});
