import { create } from 'zustand';

/** A page id from shell/pages.tsx; unknown ids show the first page. */
export type Page = string;

/**
 * State of the whole window: which page shows. Each page keeps its own UI state in a store of its
 * folder (containers/containers-ui-store.ts, images/images-ui-store.ts, …); server state lives in
 * React Query, not here.
 */
export interface UiState {
  page: Page;
  setPage(page: Page): void;
}

export const useUiStore = create<UiState>()((set) => ({
  page: 'home',
  setPage: (page) => set({ page }),
}));
