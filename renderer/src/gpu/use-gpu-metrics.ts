import { useEffect, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { appendSamples, type GpuHistory } from './gpu-history.ts';
import { usePageVisible } from './use-page-visible.ts';

export interface GpuMetricsView {
  history: GpuHistory;
  /** Why the last poll gave nothing; null when it worked. */
  error: string | null;
  /** True while subscribed (page visible and `enabled`). */
  live: boolean;
  /** Changes whenever the GPUs' used memory changes: a cue that the process list changed. */
  memorySignature: string;
}

/**
 * Subscribes to `gpu.metrics` only while the page is visible and `enabled`; the core polls
 * nvidia-smi only while a subscriber is open. Keeps the recent samples per GPU for the charts.
 */
export function useGpuMetrics(enabled: boolean, intervalMs = 2000): GpuMetricsView {
  const api = useApiClient();
  const visible = usePageVisible();
  const [history, setHistory] = useState<GpuHistory>(() => new Map());
  const [error, setError] = useState<string | null>(null);
  const [memorySignature, setMemorySignature] = useState('');
  const live = enabled && visible;

  useEffect(() => {
    if (!live) return;
    return api.subscribe(
      'gpu.metrics',
      { intervalMs },
      (message) => {
        setError(message.error);
        setHistory((previous) => appendSamples(previous, message.samples));
        setMemorySignature(message.samples.map((s) => `${s.gpuId}:${s.memUsedMiB ?? ''}`).join('|'));
      },
      (endError) => {
        if (endError) setError(endError.message);
      },
    );
  }, [api, live, intervalMs]);

  return { history, error, live, memorySignature };
}
