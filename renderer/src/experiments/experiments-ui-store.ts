import { create } from 'zustand';

/** What the Experiments page shows: the experiment picked (null: all), the filter, the open run, runs picked for comparison, the tab. */
export interface ExperimentsUiState {
  tab: 'runs' | 'compare';
  experimentId: string | null;
  filter: string;
  openRunId: string | null;
  compareIds: readonly string[];
  setTab(tab: ExperimentsUiState['tab']): void;
  pickExperiment(id: string | null): void;
  setFilter(filter: string): void;
  openRun(id: string | null): void;
  toggleCompare(id: string, picked: boolean): void;
}

export const useExperimentsUi = create<ExperimentsUiState>((set) => ({
  tab: 'runs',
  experimentId: null,
  filter: '',
  openRunId: null,
  compareIds: [],
  setTab: (tab) => set({ tab }),
  pickExperiment: (experimentId) => set({ experimentId, openRunId: null, tab: 'runs' }),
  setFilter: (filter) => set({ filter }),
  openRun: (openRunId) => set({ openRunId, tab: 'runs' }),
  toggleCompare: (id, picked) => set((s) => ({ compareIds: picked ? [...s.compareIds.filter((x) => x !== id), id] : s.compareIds.filter((x) => x !== id) })),
}));
