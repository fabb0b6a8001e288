import { create } from 'zustand';

/** What the person looks at on the Endpoints page, and the Serve dialog opened from the Models page. */
export interface EndpointsUiState {
  selected: string | null;
  /** The Serve dialog: a model with a version or an alias; null when closed. */
  serving: { model: string; version?: number; alias?: string; image: string | null } | null;
  /** The endpoint awaiting confirmation in the remove dialog (its Remove button, the command palette). */
  removeRequest: string | null;
  select(name: string | null): void;
  requestRemove(name: string | null): void;
  openServe(request: EndpointsUiState['serving']): void;
}

export const useEndpointsUi = create<EndpointsUiState>()((set) => ({
  selected: null,
  serving: null,
  removeRequest: null,
  select: (selected) => set({ selected }),
  requestRemove: (removeRequest) => set({ removeRequest }),
  openServe: (serving) => set({ serving }),
}));
