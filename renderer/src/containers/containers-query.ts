import type { QueryClient } from '@tanstack/react-query';
import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import { applyContainerChange } from './apply-container-change.ts';

/** The one cache entry the live list lives in: React Query key = [method, input]. */
export const CONTAINERS_LIST_KEY = ['containers.list', { all: true }] as const;

/**
 * Writes `containers.changes` messages into the cached list and guards the plain
 * `containers.list` call against racing the stream: a list fetched while the stream already
 * delivered something newer is dropped in favour of the cache.
 */
export interface ContainersCacheWriter {
  apply(change: ContainerChange): void;
  /** Runs the list call, keeping the cached value when the stream wrote meanwhile. */
  fetchList(load: () => Promise<ContainerSummary[]>): Promise<ContainerSummary[]>;
}

export function createContainersCacheWriter(queryClient: QueryClient): ContainersCacheWriter {
  let streamWrites = 0;
  return {
    apply(change) {
      if (change.type === 'disconnected') return;
      streamWrites++;
      queryClient.setQueryData<ContainerSummary[]>(CONTAINERS_LIST_KEY, (old) => applyContainerChange(old, change));
    },
    async fetchList(load) {
      const writesBefore = streamWrites;
      const list = await load();
      if (streamWrites !== writesBefore) {
        return queryClient.getQueryData<ContainerSummary[]>(CONTAINERS_LIST_KEY) ?? list;
      }
      return list;
    },
  };
}
