import type { LiveListChange } from '../../../shared/domain/live-list.ts';

/** How a list is ordered and keyed, for folding its stream's messages in. */
export interface LiveListShape<T> {
  keyOf(item: T): string;
  /** Where an item the list did not have goes: 'first' for newest-first lists (containers, images, tasks). */
  newItems: 'first' | 'last';
  /** The order a snapshot is shown in; as sent when absent. */
  sortSnapshot?(items: readonly T[]): T[];
}

/**
 * One stream message folded into a cached list without refetching: a snapshot replaces it (also
 * after a reconnect), an upsert replaces the item in place or adds it, a remove drops it;
 * 'disconnected' leaves it as it was (a fresh snapshot follows once the feed is back). A new array
 * when something changed, unchanged items kept by identity; the same array when nothing did.
 */
export function applyLiveListChange<T>(list: readonly T[] | undefined, change: LiveListChange<T>, shape: LiveListShape<T>): T[] | undefined {
  switch (change.type) {
    case 'snapshot':
      return shape.sortSnapshot ? shape.sortSnapshot(change.items) : change.items;
    case 'upsert': {
      const current = list ?? [];
      const key = shape.keyOf(change.item);
      const index = current.findIndex((item) => shape.keyOf(item) === key);
      if (index === -1) return shape.newItems === 'first' ? [change.item, ...current] : [...current, change.item];
      const next = current.slice();
      next[index] = change.item;
      return next;
    }
    case 'remove': {
      if (!list) return list;
      const index = list.findIndex((item) => shape.keyOf(item) === change.key);
      if (index === -1) return list as T[];
      return [...list.slice(0, index), ...list.slice(index + 1)];
    }
    case 'disconnected':
      return list as T[] | undefined;
  }
}
