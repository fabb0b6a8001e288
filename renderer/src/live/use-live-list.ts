import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { joinLiveListFeed, liveListWriter } from './live-list-feed.ts';
import { liveListKey, type LiveListSpec, type StreamProblem } from './live-list-spec.ts';

export type { LiveListSpec, StreamProblem } from './live-list-spec.ts';

export interface LiveList<T> {
  items: T[] | undefined;
  isPending: boolean;
  error: Error | null;
  /** Why the list may be behind; null while it is live. */
  problem: StreamProblem | null;
}

/**
 * The one live-list hook: the list call fills the cache entry [list, input] until the stream's
 * first snapshot; then each `*.changes` message patches it in place. Nothing polls; the stream
 * opens again after it ends, and every hook of the same list shares it (`live-list-feed.ts`).
 * `spec` must be a constant (a module-level object).
 */
export function useLiveList<T>(spec: LiveListSpec<T>): LiveList<T> {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<StreamProblem | null>(null);

  const query = useQuery({
    queryKey: liveListKey(spec),
    queryFn: () => liveListWriter(queryClient, spec).fetchList(() => api.call(spec.list, spec.input) as Promise<T[]>),
    staleTime: Infinity,
  });

  useEffect(() => joinLiveListFeed(api, queryClient, spec, setProblem), [api, queryClient, spec]);

  return { items: query.data, isPending: query.isPending, error: query.error, problem };
}
