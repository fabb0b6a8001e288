import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { MetricSeries, TrackingEvent } from '../../../shared/api/methods/tracking.ts';
import { useApiClient } from '../api/api-context.tsx';

const pointKey = (p: { step: number; timestamp: number; value: number }) => `${p.step}:${p.timestamp}:${p.value}`;

const isTrackingQuery = (key: readonly unknown[]) => typeof key[0] === 'string' && key[0].startsWith('tracking.') && key[0] !== 'tracking.status';

/** Appends pushed points to every cached history of that run and key, so a logged point shows at once. */
function appendPoints(queryClient: QueryClient, event: Extract<TrackingEvent, { type: 'metrics' }>): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: ['tracking.metricHistory'] })) {
    const input = query.queryKey[1] as { runIds: string[]; keys: string[] };
    if (!input.runIds.includes(event.runId)) continue;
    if (query.state.data === undefined) {
      // Still loading: the answer may have been read before these points were written; ask again.
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<MetricSeries[]>(query.queryKey, (old) => {
      if (!old) return old;
      const next = old.map((series) => {
        if (series.runId !== event.runId) return series;
        // Idempotent: two open streams (a page's and a panel's) push the same point; MLflow keeps an identical point once.
        const known = new Set(series.points.map(pointKey));
        const added = event.points.filter((p) => p.key === series.key && !known.has(pointKey(p))).map(({ step, timestamp, value }) => ({ step, timestamp, value }));
        return added.length > 0 ? { ...series, points: [...series.points, ...added] } : series;
      });
      for (const key of new Set(event.points.map((p) => p.key))) if (input.keys.includes(key) && !old.some((s) => s.runId === event.runId && s.key === key)) next.push({ runId: event.runId, key, points: event.points.filter((p) => p.key === key) });
      return next;
    });
  }
}

/**
 * Keeps tracking queries live from `tracking.events`: metric points are appended to cached
 * histories as they arrive (no refetch); run and experiment changes refresh the lists at most every
 * 250 ms; a change another process made refetches what is shown.
 */
export function useLiveTracking(runIds?: readonly string[]): void {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const ids = runIds ? [...runIds].sort().join(',') : null;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let everything = false;
    const dirtyRuns = new Set<string>();
    const flush = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: ['tracking.experiments'] });
      void queryClient.invalidateQueries({ queryKey: ['tracking.runs'] });
      for (const runId of dirtyRuns) void queryClient.invalidateQueries({ queryKey: ['tracking.run', { runId }] });
      if (everything) void queryClient.invalidateQueries({ predicate: (query) => isTrackingQuery(query.queryKey) });
      dirtyRuns.clear();
      everything = false;
    };
    const later = () => (timer ??= setTimeout(flush, 250));
    const input = ids === null ? {} : { runIds: ids.split(',').filter(Boolean) };
    return api.subscribe('tracking.events', input, (event) => {
      if (event.type === 'metrics') {
        appendPoints(queryClient, event);
        dirtyRuns.add(event.runId);
        later();
      } else if (event.type === 'run') {
        dirtyRuns.add(event.runId);
        later();
      } else if (event.type === 'experiment') later();
      else {
        everything = true;
        later();
      }
    });
  }, [api, queryClient, ids]);
}

/** Histories of some metrics of some runs (kept live by useLiveTracking). */
export function useMetricHistories(runIds: readonly string[], keys: readonly string[]) {
  const api = useApiClient();
  const runKey = runIds.join(',');
  const keyKey = keys.join('\u0000');
  const input = useMemo(() => ({ runIds: runKey ? runKey.split(',') : [], keys: keyKey ? keyKey.split('\u0000') : [] }), [runKey, keyKey]);
  return useQuery({
    queryKey: ['tracking.metricHistory', input],
    queryFn: () => api.call('tracking.metricHistory', input),
    enabled: runIds.length > 0 && keys.length > 0,
    staleTime: Infinity,
  });
}

/** Whether the tracking endpoint is served now (refreshed every 30 s while shown: cheap, and no cost while hidden). */
export function useTrackingStatus() {
  const api = useApiClient();
  return useQuery({ queryKey: ['tracking.status'], queryFn: () => api.call('tracking.status', {}), refetchInterval: 30_000 });
}
