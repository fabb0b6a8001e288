import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { useApiClient } from '../api/api-context.tsx';
import { CONTAINERS_LIST_KEY, createContainersCacheWriter } from './containers-query.ts';

/** Why the live list may be behind: the engine's event stream or the link to the core dropped. */
export interface StreamProblem {
  /** 'engine': the core lost the engine's /events stream; 'transport': the page lost the core. */
  source: 'engine' | 'transport';
  message: string;
  /** When the next attempt happens (Date.now() based); null when no retry is planned. */
  retryAt: number | null;
}

export interface LiveContainers {
  containers: ContainerSummary[] | undefined;
  isPending: boolean;
  error: Error | null;
  streamProblem: StreamProblem | null;
}

/**
 * The containers list, kept live by the `containers.changes` stream: each message patches the
 * React Query cache entry ['containers.list', {all: true}] in place. The list call only fills the
 * cache until the stream's first snapshot; nothing ever polls.
 */
export function useLiveContainers(): LiveContainers {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const writer = useMemo(() => createContainersCacheWriter(queryClient), [queryClient]);
  const [streamProblem, setStreamProblem] = useState<StreamProblem | null>(null);

  const query = useQuery({
    queryKey: CONTAINERS_LIST_KEY,
    queryFn: () => writer.fetchList(() => api.call('containers.list', { all: true })),
    staleTime: Infinity,
  });

  useEffect(() => {
    let closed = false;
    let close: () => void = () => {};
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;

    const open = () => {
      close = api.subscribe(
        'containers.changes',
        {},
        (change) => {
          if (change.type === 'disconnected') {
            setStreamProblem({ source: 'engine', message: change.message, retryAt: Date.now() + change.retryInMs });
            return;
          }
          if (change.type === 'snapshot') setStreamProblem(null);
          writer.apply(change);
        },
        (error) => {
          if (closed) return;
          // The core ended the stream (engine gone, or an error): say so and open it again later.
          const retryInMs = 3000;
          setStreamProblem({
            source: 'engine',
            message: error ? error.message : 'The engine event stream ended.',
            retryAt: Date.now() + retryInMs,
          });
          reopenTimer = setTimeout(open, retryInMs);
        },
        {
          onInterrupted: (info) => setStreamProblem({ source: 'transport', message: info.message, retryAt: Date.now() + info.retryInMs }),
        },
      );
    };
    open();
    return () => {
      closed = true;
      if (reopenTimer !== null) clearTimeout(reopenTimer);
      close();
    };
  }, [api, writer]);

  return { containers: query.data, isPending: query.isPending, error: query.error, streamProblem };
}
