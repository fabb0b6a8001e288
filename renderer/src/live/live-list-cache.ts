import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import { applyLiveListChange, type LiveListShape } from './apply-live-list-change.ts';

/**
 * Writes a live list's stream messages into its React Query cache entry and guards the plain list
 * call against racing the stream: a list fetched while the stream already delivered something
 * newer is dropped in favour of the cache.
 */
export interface LiveListCacheWriter<T> {
  apply(change: LiveListChange<T>): void;
  /** Runs the list call, keeping the cached value when the stream wrote meanwhile. */
  fetchList(load: () => Promise<T[]>): Promise<T[]>;
}

export function createLiveListCacheWriter<T>(queryClient: QueryClient, queryKey: QueryKey, shape: LiveListShape<T>): LiveListCacheWriter<T> {
  let streamWrites = 0;
  return {
    apply(change) {
      if (change.type === 'disconnected') return;
      streamWrites++;
      queryClient.setQueryData<T[]>(queryKey, (old) => applyLiveListChange(old, change, shape));
    },
    async fetchList(load) {
      const writesBefore = streamWrites;
      const list = await load();
      if (streamWrites !== writesBefore) return queryClient.getQueryData<T[]>(queryKey) ?? list;
      return list;
    },
  };
}
