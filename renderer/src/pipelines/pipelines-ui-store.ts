import { create } from 'zustand';

/** An open pipeline file's editing state; kept here so that leaving the page never drops unsaved edits. */
export interface PipelineDraft {
  text: string;
  /** The text as last read from or written to disk. */
  savedText: string;
  /** Version token of savedText (workspaces.readFile / writeFile). */
  version: string;
}

export interface PipelinesUiState {
  openFile: string | null;
  drafts: Readonly<Record<string, PipelineDraft>>;
  selectedStep: string | null;
  /** A run the person chose to watch, by file; else the file's latest run. */
  watchedRun: Readonly<Record<string, string>>;
  editorOpen: boolean;

  open(file: string | null): void;
  setDraft(file: string, draft: PipelineDraft): void;
  setText(file: string, text: string): void;
  dropDraft(file: string): void;
  selectStep(step: string | null): void;
  watchRun(file: string, runId: string): void;
  toggleEditor(): void;
}

export const usePipelinesUiStore = create<PipelinesUiState>((set) => ({
  openFile: null,
  drafts: {},
  selectedStep: null,
  watchedRun: {},
  editorOpen: true,
  open: (file) => set({ openFile: file, selectedStep: null }),
  setDraft: (file, draft) => set((s) => ({ drafts: { ...s.drafts, [file]: draft } })),
  setText: (file, text) =>
    set((s) => {
      const draft = s.drafts[file];
      return draft && draft.text !== text ? { drafts: { ...s.drafts, [file]: { ...draft, text } } } : {};
    }),
  dropDraft: (file) =>
    set((s) => {
      const { [file]: _dropped, ...rest } = s.drafts;
      return { drafts: rest };
    }),
  selectStep: (step) => set({ selectedStep: step }),
  watchRun: (file, runId) => set((s) => ({ watchedRun: { ...s.watchedRun, [file]: runId } })),
  toggleEditor: () => set((s) => ({ editorOpen: !s.editorOpen })),
}));

/** Files with edits not yet saved. */
export function unsavedFiles(state: Pick<PipelinesUiState, 'drafts'>): string[] {
  return Object.entries(state.drafts)
    .filter(([, draft]) => draft.text !== draft.savedText)
    .map(([file]) => file);
}

// Drafts outlive the page; closing the window (or reloading) with one unsaved asks first.
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (event) => {
    if (unsavedFiles(usePipelinesUiStore.getState()).length > 0) event.preventDefault();
  });
}
