import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { NetworkSummary } from '../../../shared/domain/networks.ts';
import type { VolumeSummary } from '../../../shared/domain/volumes.ts';
import { useApiClient } from '../api/api-context.tsx';
import { applyLiveListChange } from './apply-live-list-change.ts';

interface LiveLists {
  volumes: { list: 'volumes.list'; changes: 'volumes.changes'; item: VolumeSummary };
  networks: { list: 'networks.list'; changes: 'networks.changes'; item: NetworkSummary };
}

export interface LiveList<T> {
  items: T[] | undefined;
  isPending: boolean;
  error: Error | null;
  /** Why the list may be behind (the engine's event stream dropped); null when live. */
  problem: string | null;
}

const METHODS = {
  volumes: { list: 'volumes.list', changes: 'volumes.changes' },
  networks: { list: 'networks.list', changes: 'networks.changes' },
} as const;

export const liveListKey = (kind: keyof LiveLists) => [METHODS[kind].list, {}] as const;

/**
 * A list kept live by its `*.changes` stream: each message patches the React Query cache entry
 * [list method, {}] in place. Nothing polls; the stream reopens after it ends.
 */
export function useLiveList<K extends keyof LiveLists>(kind: K): LiveList<LiveLists[K]['item']> {
  type Item = LiveLists[K]['item'];
  const api = useApiClient();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const key = liveListKey(kind);

  const query = useQuery({
    queryKey: key,
    queryFn: () => api.call(METHODS[kind].list, {}) as Promise<Item[]>,
    staleTime: Infinity,
  });

  useEffect(() => {
    let closed = false;
    let close: () => void = () => {};
    let reopen: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      close = api.subscribe(
        METHODS[kind].changes,
        {},
        (value) => {
          const change = value as LiveListChange<Item>;
          if (change.type === 'disconnected') {
            setProblem(change.message);
            return;
          }
          if (change.type === 'snapshot') setProblem(null);
          queryClient.setQueryData<Item[]>(liveListKey(kind), (old) => applyLiveListChange(old, change));
        },
        (error) => {
          if (closed) return;
          setProblem(error ? error.message : 'The engine event stream ended.');
          reopen = setTimeout(open, 3000);
        },
      );
    };
    open();
    return () => {
      closed = true;
      if (reopen !== null) clearTimeout(reopen);
      close();
    };
  }, [api, queryClient, kind]);

  return { items: query.data, isPending: query.isPending, error: query.error, problem };
}
