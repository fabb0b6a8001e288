import { create } from 'zustand';

export interface OpenPanel {
  kind: 'logs' | 'terminal';
  containerId: string;
  name: string;
}

interface EnvironmentsUi {
  /** The environment shown first and highlighted (its address: /environments/ID). */
  selected: string | null;
  panel: OpenPanel | null;
  wizardOpen: boolean;
  removeRequest: { id: string; name: string } | null;
  select(id: string | null): void;
  togglePanel(panel: OpenPanel): void;
  closePanel(): void;
  setWizardOpen(open: boolean): void;
  requestRemove(request: { id: string; name: string } | null): void;
}

/** The Environments page's UI state: which logs/terminal panel is open, the wizard, the remove confirmation. */
export const useEnvironmentsUi = create<EnvironmentsUi>()((set) => ({
  selected: null,
  panel: null,
  wizardOpen: false,
  removeRequest: null,
  select: (selected) => set({ selected }),
  togglePanel: (panel) =>
    set((state) => ({ panel: state.panel && state.panel.kind === panel.kind && state.panel.containerId === panel.containerId ? null : panel })),
  closePanel: () => set({ panel: null }),
  setWizardOpen: (wizardOpen) => set({ wizardOpen }),
  requestRemove: (removeRequest) => set({ removeRequest }),
}));
