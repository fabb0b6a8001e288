import type { LiveListChange } from '../../../shared/domain/live-list.ts';

/** One stream message applied to a cached list: a new array, unchanged items kept by identity. */
export function applyLiveListChange<T extends { key: string }>(list: readonly T[] | undefined, change: LiveListChange<T>): T[] | undefined {
  switch (change.type) {
    case 'snapshot':
      return change.items;
    case 'upsert': {
      const current = list ?? [];
      const index = current.findIndex((item) => item.key === change.item.key);
      if (index === -1) return [...current, change.item];
      const next = current.slice();
      next[index] = change.item;
      return next;
    }
    case 'remove':
      return list?.filter((item) => item.key !== change.key);
    case 'disconnected':
      return list as T[] | undefined;
  }
}
