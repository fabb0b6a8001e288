import { create } from 'zustand';

/** What the person looks at on the Models and Features pages. */
export interface CatalogUiState {
  model: string | null;
  /** The version shown in detail (its lineage, files, card). */
  version: number | null;
  /** Versions ticked for the side-by-side comparison. */
  compared: readonly number[];
  filter: string;
  registering: boolean;
  featureSet: string | null;
  /** The file of the shown version opened in the preview (its path in the version). */
  openFile: string | null;
  openVersionFile(path: string | null): void;
  /** The model awaiting confirmation in the delete dialog (the command palette). */
  deleteRequest: string | null;
  selectModel(name: string | null): void;
  selectVersion(version: number | null): void;
  toggleCompared(version: number, on: boolean): void;
  setCompared(versions: readonly number[]): void;
  setFilter(text: string): void;
  setRegistering(open: boolean): void;
  selectFeatureSet(name: string | null): void;
  requestDelete(name: string | null): void;
}

export const useCatalogUi = create<CatalogUiState>()((set) => ({
  model: null,
  version: null,
  compared: [],
  filter: '',
  registering: false,
  featureSet: null,
  openFile: null,
  deleteRequest: null,
  openVersionFile: (openFile) => set({ openFile }),
  selectModel: (model) => set((s) => (s.model === model ? {} : { model, version: null, compared: [], openFile: null })),
  selectVersion: (version) => set((s) => (s.version === version ? {} : { version, openFile: null })),
  toggleCompared: (version, on) => set((s) => ({ compared: on ? [...new Set([...s.compared, version])].sort((a, b) => a - b) : s.compared.filter((v) => v !== version) })),
  setCompared: (compared) => set({ compared: [...compared].sort((a, b) => a - b) }),
  setFilter: (filter) => set({ filter }),
  setRegistering: (registering) => set({ registering }),
  selectFeatureSet: (featureSet) => set({ featureSet }),
  requestDelete: (deleteRequest) => set({ deleteRequest }),
}));
