import { create } from 'zustand';

/** Which monitor and column the Monitoring page shows. */
export const useMonitoringUi = create<{ selected: string | null; column: string | null; select(name: string | null): void; selectColumn(column: string | null): void }>((set) => ({
  selected: null,
  column: null,
  select: (selected) => set({ selected, column: null }),
  selectColumn: (column) => set({ column }),
}));
