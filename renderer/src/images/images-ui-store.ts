import { create } from 'zustand';
import type { ImageKindFilter } from './filter-images.ts';

export type ImageDialog =
  | { kind: 'pull' }
  | { kind: 'build' }
  | { kind: 'prune' }
  | { kind: 'remove'; id: string; name: string }
  | { kind: 'tag'; id: string; name: string };

/** What the person is doing on the Images page. */
export interface ImagesUiState {
  filterText: string;
  kindFilter: ImageKindFilter;
  /** The image whose details panel is open. */
  inspectId: string | null;
  dialog: ImageDialog | null;
  setFilterText(text: string): void;
  setKindFilter(kind: ImageKindFilter): void;
  inspect(id: string | null): void;
  open(dialog: ImageDialog | null): void;
}

export const useImagesUi = create<ImagesUiState>()((set) => ({
  filterText: '',
  kindFilter: 'all',
  inspectId: null,
  dialog: null,
  setFilterText: (filterText) => set({ filterText }),
  setKindFilter: (kindFilter) => set({ kindFilter }),
  inspect: (inspectId) => set({ inspectId }),
  open: (dialog) => set({ dialog }),
}));
