import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { FINAL_STEP_STATES, type RunDetail } from '../../../shared/pipeline/run-model.ts';
import { useApiClient } from '../api/api-context.tsx';
import { useLiveRunStore } from './dag/live-run-store.ts';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';
import { useApiQuery } from '../api/use-api.ts';

const RUNS_INPUT = { limit: 200 } as const;

/**
 * Watches one run of this pipeline file (the one chosen, else its latest) and streams its step
 * states into the live-run store; details (durations, cache decisions) are re-read when a step ends.
 */
export function useLiveRun(file: string, pipelineName: string | null): { runId: string | null; detail: RunDetail | undefined } {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const chosen = usePipelinesUiStore((s) => s.watchedRun[file]);
  const runs = useApiQuery('runs.list', RUNS_INPUT, { staleTime: 5_000 });
  const latest = runs.data?.find((run) => run.file === file) ?? runs.data?.find((run) => run.file === null && run.pipeline === pipelineName);
  const runId = chosen ?? latest?.id ?? null;
  const detail = useQuery({
    queryKey: ['runs.get', { id: runId ?? '' }],
    queryFn: () => api.call('runs.get', { id: runId ?? '' }),
    enabled: runId !== null,
    staleTime: 0,
  });
  const watch = useLiveRunStore((s) => s.watch);
  const apply = useLiveRunStore((s) => s.apply);
  const applyDetail = useLiveRunStore((s) => s.applyDetail);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    watch(runId);
  }, [runId, watch]);

  useEffect(() => {
    if (detail.data) applyDetail(detail.data);
  }, [detail.data, applyDetail]);

  useEffect(() => {
    if (runId === null) return;
    const refetchSoon = () => {
      if (refetchTimer.current) return;
      refetchTimer.current = setTimeout(() => {
        refetchTimer.current = null;
        void queryClient.invalidateQueries({ queryKey: ['runs.get', { id: runId }] });
      }, 250);
    };
    const close = api.subscribe('runs.events', { id: runId }, (event) => {
      apply(event);
      if (event.type === 'run' || FINAL_STEP_STATES.has(event.state) || event.state === 'running') refetchSoon();
      if (event.type === 'run' && event.state !== 'running') void queryClient.invalidateQueries({ queryKey: ['runs.list'] });
    });
    return () => {
      close();
      if (refetchTimer.current) clearTimeout(refetchTimer.current);
      refetchTimer.current = null;
    };
  }, [api, runId, apply, queryClient]);

  return { runId, detail: detail.data };
}
