import { create } from 'zustand';
import type { StateFilter } from './filter-containers.ts';

/** A failed container action, shown until dismissed: "Could not stop web: <engine text>". */
export interface ActionError {
  key: number;
  text: string;
}

/** The logs panel shows one container at a time; the name is kept for the heading and download. */
export interface OpenLogs {
  id: string;
  name: string;
}

/** What the person is doing on the Containers page; the containers themselves live in React Query. */
export interface ContainersUiState {
  filterText: string;
  stateFilter: StateFilter;
  selectedIds: ReadonlySet<string>;
  openLogs: OpenLogs | null;
  /** Ids awaiting confirmation in the remove dialog; null when it is closed. */
  removeRequest: readonly string[] | null;
  actionErrors: readonly ActionError[];

  setFilterText(text: string): void;
  setStateFilter(state: StateFilter): void;
  toggleSelected(id: string, selected: boolean): void;
  setSelection(ids: Iterable<string>): void;
  clearSelection(): void;
  showLogs(logs: OpenLogs | null): void;
  requestRemove(ids: readonly string[]): void;
  cancelRemove(): void;
  reportActionError(text: string): void;
  dismissActionError(key: number): void;
}

let nextErrorKey = 1;

export const useContainersUi = create<ContainersUiState>()((set) => ({
  filterText: '',
  stateFilter: 'all',
  selectedIds: new Set<string>(),
  openLogs: null,
  removeRequest: null,
  actionErrors: [],

  setFilterText: (filterText) => set({ filterText }),
  setStateFilter: (stateFilter) => set({ stateFilter }),
  toggleSelected: (id, selected) =>
    set((state) => {
      const next = new Set(state.selectedIds);
      if (selected) next.add(id);
      else next.delete(id);
      return { selectedIds: next };
    }),
  setSelection: (ids) => set({ selectedIds: new Set(ids) }),
  clearSelection: () => set({ selectedIds: new Set<string>() }),
  showLogs: (openLogs) => set({ openLogs }),
  requestRemove: (ids) => set({ removeRequest: ids.length > 0 ? [...ids] : null }),
  cancelRemove: () => set({ removeRequest: null }),
  reportActionError: (text) =>
    set((state) => ({ actionErrors: [...state.actionErrors.slice(-4), { key: nextErrorKey++, text }] })),
  dismissActionError: (key) => set((state) => ({ actionErrors: state.actionErrors.filter((e) => e.key !== key) })),
}));
