import { create } from 'zustand';

/**
 * "Open this run in the graph": the hand-off from the Runs page to the Pipelines page.
 *
 * Contract (Runs page → Pipelines page):
 * - The Runs page calls `useOpenRun.getState().openRun(runId, file)` and then
 *   `useUiStore.getState().setPage('pipelines')`.
 * - The Pipelines page reads `request` (`{ runId, file, seq }`; `file` is the pipeline file the run
 *   came from, null when it was started from unsaved text), opens that file, shows that run's states
 *   on the DAG, then calls `consume(seq)` so that the request is handled once. `seq` grows with each
 *   request, so asking for the same run twice is still seen as a new request.
 */
export interface OpenRunRequest {
  runId: string;
  file: string | null;
  seq: number;
}

export interface OpenRunState {
  request: OpenRunRequest | null;
  openRun(runId: string, file: string | null): void;
  /** Marks request `seq` handled (a newer request is kept). */
  consume(seq: number): void;
}

let lastSeq = 0;

export const useOpenRun = create<OpenRunState>((set) => ({
  request: null,
  openRun: (runId, file) => set({ request: { runId, file, seq: ++lastSeq } }),
  consume: (seq) => set((state) => (state.request?.seq === seq ? { request: null } : {})),
}));
