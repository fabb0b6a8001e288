import { create } from 'zustand';
import type { PruneScope } from '../../../shared/domain/disk-usage.ts';

/** Which prune the confirmation dialog is showing (any page, or the palette, can ask for one). */
export const usePruneRequest = create<{ scope: PruneScope | null; request(scope: PruneScope | null): void }>()((set) => ({
  scope: null,
  request: (scope) => set({ scope }),
}));
