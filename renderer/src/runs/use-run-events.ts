import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import { useApiClient } from '../api/api-context.tsx';

/**
 * Keeps run queries live from runs.events without an id (every run this host runs or notices):
 * a change refreshes the run lists, that run's detail and the compare data, at most every 250 ms.
 */
export function useLiveRuns(onEvent?: (event: RunEvent) => void): void {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const listener = useRef(onEvent);
  listener.current = onEvent;
  useEffect(() => {
    const dirty = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: ['runs.list'] });
      void queryClient.invalidateQueries({ queryKey: ['runs.pipelines'] });
      void queryClient.invalidateQueries({ queryKey: ['schedules.list'] });
      for (const runId of dirty) {
        void queryClient.invalidateQueries({ predicate: (query) => (query.queryKey[0] === 'runs.get' || query.queryKey[0] === 'runs.compare') && JSON.stringify(query.queryKey[1]).includes(runId) });
      }
      dirty.clear();
    };
    return api.subscribe('runs.events', {}, (event) => {
      listener.current?.(event);
      dirty.add(event.runId);
      timer ??= setTimeout(flush, 250);
    });
  }, [api, queryClient]);
}
