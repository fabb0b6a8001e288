import { create } from 'zustand';

/** What the person looks at on the Endpoints page, and the Serve dialog opened from the Models page. */
export interface EndpointsUiState {
  selected: string | null;
  /** The Serve dialog: a model with a version or an alias; null when closed. */
  serving: { model: string; version?: number; alias?: string; image: string | null } | null;
  select(name: string | null): void;
  openServe(request: EndpointsUiState['serving']): void;
}

export const useEndpointsUi = create<EndpointsUiState>()((set) => ({
  selected: null,
  serving: null,
  select: (selected) => set({ selected }),
  openServe: (serving) => set({ serving }),
}));
