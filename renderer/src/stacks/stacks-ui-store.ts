import { create } from 'zustand';

/** What the person is doing on the Stacks page; server state stays in React Query. */
export interface StacksUiState {
  filePath: string;
  profiles: string;
  /** The container whose logs are open, with its name for the heading. */
  logs: { id: string; name: string } | null;
  /** The container whose terminal is open (in the same side panel as logs: one at a time). */
  terminal: { id: string; name: string } | null;
  /** The project whose merged logs are open (in the same side panel as logs and terminal). */
  mergedLogs: string | null;
  /** The project awaiting confirmation in the down dialog. */
  downRequest: string | null;
  setFilePath(path: string): void;
  setProfiles(profiles: string): void;
  showLogs(logs: { id: string; name: string } | null): void;
  showTerminal(terminal: { id: string; name: string } | null): void;
  showMergedLogs(project: string | null): void;
  requestDown(project: string | null): void;
}

export const useStacksUiStore = create<StacksUiState>()((set) => ({
  filePath: '',
  profiles: '',
  logs: null,
  terminal: null,
  mergedLogs: null,
  downRequest: null,
  setFilePath: (filePath) => set({ filePath }),
  setProfiles: (profiles) => set({ profiles }),
  showLogs: (logs) => set({ logs, terminal: null, mergedLogs: null }),
  showTerminal: (terminal) => set({ terminal, logs: null, mergedLogs: null }),
  showMergedLogs: (mergedLogs) => set({ mergedLogs, logs: null, terminal: null }),
  requestDown: (downRequest) => set({ downRequest }),
}));
