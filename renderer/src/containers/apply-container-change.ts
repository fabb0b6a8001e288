import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';

/**
 * Folds one message of the `containers.changes` stream into the cached list, without refetching:
 * a snapshot replaces the list, an upsert replaces the container in place (new ones go first,
 * like the engine's newest-first order), a remove drops it. 'disconnected' leaves the list as it
 * was: the stream sends a fresh snapshot once it is back. Returns the same array when nothing changed.
 */
export function applyContainerChange(
  list: readonly ContainerSummary[] | undefined,
  change: ContainerChange,
): ContainerSummary[] | undefined {
  switch (change.type) {
    case 'snapshot':
      return change.containers;
    case 'upsert': {
      const current = list ?? [];
      const index = current.findIndex((c) => c.id === change.container.id);
      if (index === -1) return [change.container, ...current];
      const next = current.slice();
      next[index] = change.container;
      return next;
    }
    case 'remove': {
      if (!list) return list;
      const index = list.findIndex((c) => c.id === change.id);
      if (index === -1) return list as ContainerSummary[];
      return [...list.slice(0, index), ...list.slice(index + 1)];
    }
    case 'disconnected':
      return list as ContainerSummary[] | undefined;
  }
}
