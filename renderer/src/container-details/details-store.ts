import { create } from 'zustand';

export type DetailsTab = 'summary' | 'inspect' | 'stats' | 'terminal';

export interface OpenDetails {
  id: string;
  name: string;
  tab: DetailsTab;
}

/** Which container's details panel is open, on which tab (UI state; the data lives in React Query). */
export interface DetailsState {
  open: OpenDetails | null;
  runDialogOpen: boolean;
  showDetails(id: string, name: string, tab?: DetailsTab): void;
  setTab(tab: DetailsTab): void;
  closeDetails(): void;
  setRunDialogOpen(open: boolean): void;
}

export const useDetailsStore = create<DetailsState>()((set) => ({
  open: null,
  runDialogOpen: false,
  showDetails: (id, name, tab = 'summary') => set({ open: { id, name, tab } }),
  setTab: (tab) => set((state) => (state.open ? { open: { ...state.open, tab } } : state)),
  closeDetails: () => set({ open: null }),
  setRunDialogOpen: (runDialogOpen) => set({ runDialogOpen }),
}));
