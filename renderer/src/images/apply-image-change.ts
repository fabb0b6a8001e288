import type { ImageChange, ImageSummary } from '../../../shared/domain/images.ts';

/**
 * Folds one `images.changes` message into the cached list without refetching: a snapshot
 * replaces it, an upsert replaces the image in place (new ones first, newest-first order), a
 * remove drops it. Returns the same array when nothing changed.
 */
export function applyImageChange(list: readonly ImageSummary[] | undefined, change: ImageChange): ImageSummary[] | undefined {
  switch (change.type) {
    case 'snapshot':
      return change.images;
    case 'upsert': {
      const current = list ?? [];
      const index = current.findIndex((i) => i.id === change.image.id);
      if (index === -1) return [change.image, ...current];
      const next = current.slice();
      next[index] = change.image;
      return next;
    }
    case 'remove': {
      if (!list) return list;
      const index = list.findIndex((i) => i.id === change.id);
      if (index === -1) return list as ImageSummary[];
      return [...list.slice(0, index), ...list.slice(index + 1)];
    }
    case 'disconnected':
      return list as ImageSummary[] | undefined;
  }
}
