import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallMethod, InputOf, StreamMethod } from '../../../shared/api/contract.ts';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import { useApiClient } from '../api/api-context.tsx';
import type { LiveListShape } from './apply-live-list-change.ts';
import { createLiveListCacheWriter } from './live-list-cache.ts';

/** A list the core keeps live: its list query, its `*.changes` stream, and its shape. */
export interface LiveListSpec<T> extends LiveListShape<T> {
  list: CallMethod;
  input: InputOf<CallMethod>;
  changes: StreamMethod;
  /** Called with each message before it is folded in, with the list as it was (tasks toast here). */
  onChange?(change: LiveListChange<T>, before: readonly T[] | undefined): void;
}

/** Why the live list may be behind: the core's change feed or the page's link to the core dropped. */
export interface StreamProblem {
  /** 'engine': the core lost the engine's /events stream; 'transport': the page lost the core. */
  source: 'engine' | 'transport';
  message: string;
  /** When the next attempt happens (Date.now() based); null when no retry is planned. */
  retryAt: number | null;
}

export interface LiveList<T> {
  items: T[] | undefined;
  isPending: boolean;
  error: Error | null;
  /** Why the list may be behind; null while it is live. */
  problem: StreamProblem | null;
}

/** How long after its stream ended a list opens it again. */
export const LIVE_LIST_REOPEN_MS = 3000;

/** The React Query key a live list lives under: [list method, input], as every query. */
export function liveListKey<T>(spec: LiveListSpec<T>): readonly [CallMethod, unknown] {
  return [spec.list, spec.input] as const;
}

/**
 * The one live-list hook: the list call fills the cache entry [list, input] until the stream's
 * first snapshot; then each `*.changes` message patches it in place. Nothing polls; the stream
 * opens again after it ends. `spec` must be a constant (a module-level object).
 */
export function useLiveList<T>(spec: LiveListSpec<T>): LiveList<T> {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const key = liveListKey(spec);
  const writer = useMemo(() => createLiveListCacheWriter<T>(queryClient, key, spec), [queryClient, spec]);
  const [problem, setProblem] = useState<StreamProblem | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;

  const query = useQuery({
    queryKey: key,
    queryFn: () => writer.fetchList(() => api.call(spec.list, spec.input) as Promise<T[]>),
    staleTime: Infinity,
  });

  useEffect(() => {
    let closed = false;
    let close: () => void = () => {};
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      close = api.subscribe(
        spec.changes,
        {},
        (value) => {
          const change = value as LiveListChange<T>;
          if (change.type === 'disconnected') {
            setProblem({ source: 'engine', message: change.message, retryAt: Date.now() + change.retryInMs });
            return;
          }
          if (change.type === 'snapshot') setProblem(null);
          specRef.current.onChange?.(change, queryClient.getQueryData<T[]>(key));
          writer.apply(change);
        },
        (error) => {
          if (closed) return;
          // The core ended the stream (engine gone, or an error): say so and open it again later.
          setProblem({ source: 'engine', message: error ? error.message : 'The engine event stream ended.', retryAt: Date.now() + LIVE_LIST_REOPEN_MS });
          reopenTimer = setTimeout(open, LIVE_LIST_REOPEN_MS);
        },
        { onInterrupted: (info) => setProblem({ source: 'transport', message: info.message, retryAt: Date.now() + info.retryInMs }) },
      );
    };
    open();
    return () => {
      closed = true;
      if (reopenTimer !== null) clearTimeout(reopenTimer);
      close();
    };
  }, [api, queryClient, writer, spec.changes]);

  return { items: query.data, isPending: query.isPending, error: query.error, problem };
}
