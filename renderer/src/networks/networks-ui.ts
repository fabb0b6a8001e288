import { create } from 'zustand';

/** UI state of the Networks page (the palette opens its create dialog too). */
export interface NetworksUi {
  filter: string;
  creating: boolean;
  removeError: { name: string; message: string } | null;
  setFilter(filter: string): void;
  setCreating(creating: boolean): void;
  setRemoveError(error: { name: string; message: string } | null): void;
}

export const useNetworksUi = create<NetworksUi>()((set) => ({
  filter: '',
  creating: false,
  removeError: null,
  setFilter: (filter) => set({ filter }),
  setCreating: (creating) => set({ creating }),
  setRemoveError: (removeError) => set({ removeError }),
}));
