import { create } from 'zustand';

/** UI state of the Volumes page (the palette opens its create dialog too). */
export interface VolumesUi {
  filter: string;
  creating: boolean;
  /** The volume awaiting confirmation of its removal. */
  removing: string | null;
  setFilter(filter: string): void;
  setCreating(creating: boolean): void;
  setRemoving(name: string | null): void;
}

export const useVolumesUi = create<VolumesUi>()((set) => ({
  filter: '',
  creating: false,
  removing: null,
  setFilter: (filter) => set({ filter }),
  setCreating: (creating) => set({ creating }),
  setRemoving: (removing) => set({ removing }),
}));
