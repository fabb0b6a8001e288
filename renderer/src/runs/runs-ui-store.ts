import { create } from 'zustand';
import type { RunState } from '../../../shared/pipeline/run-model.ts';

export type TimeRange = 'any' | '1h' | '24h' | '7d' | '30d';

export interface RunFilters {
  pipeline: string;
  state: RunState | '';
  range: TimeRange;
  text: string;
}

/** What an opened step row shows. */
export type StepTab = 'logs' | 'artifacts' | 'models';

/** What the Runs page shows: filters, the open run (its opened step, tab and picked artifact file), runs picked for comparison, the tab. */
export interface RunsUiState {
  tab: 'history' | 'compare';
  filters: RunFilters;
  openRunId: string | null;
  /** The step row opened in the open run (a deep link's `/runs/RUN/steps/STEP`), and what it shows. */
  openStep: string | null;
  stepTab: StepTab;
  /** The artifact file previewed in the opened step. */
  openArtifact: { artifact: string; path: string } | null;
  compareIds: readonly string[];
  setTab(tab: RunsUiState['tab']): void;
  setFilters(filters: Partial<RunFilters>): void;
  showRun(id: string | null): void;
  /** Opens a step row of the open run (null closes it), on a tab (logs unless given). */
  showStep(step: string | null, tab?: StepTab): void;
  setStepTab(tab: StepTab): void;
  pickArtifact(file: { artifact: string; path: string } | null): void;
  /** Opens a run on one step's logs (null: the run without a step): what an address sets. */
  showRunStep(runId: string, step: string | null): void;
  toggleCompare(id: string, picked: boolean): void;
  clearCompare(): void;
}

export const useRunsUi = create<RunsUiState>((set) => ({
  tab: 'history',
  filters: { pipeline: '', state: '', range: 'any', text: '' },
  openRunId: null,
  openStep: null,
  stepTab: 'logs',
  openArtifact: null,
  compareIds: [],
  setTab: (tab) => set({ tab }),
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  showRun: (openRunId) => set((s) => (s.openRunId === openRunId ? { tab: 'history' } : { openRunId, tab: 'history', openStep: null, stepTab: 'logs', openArtifact: null })),
  showStep: (openStep, tab = 'logs') => set({ openStep, stepTab: tab, openArtifact: null }),
  setStepTab: (stepTab) => set({ stepTab }),
  pickArtifact: (openArtifact) => set({ openArtifact }),
  showRunStep: (openRunId, openStep) => set({ openRunId, openStep, tab: 'history', stepTab: 'logs', openArtifact: null }),
  toggleCompare: (id, picked) => set((s) => ({ compareIds: picked ? [...s.compareIds.filter((x) => x !== id), id] : s.compareIds.filter((x) => x !== id) })),
  clearCompare: () => set({ compareIds: [] }),
}));

const RANGE_MS: Record<Exclude<TimeRange, 'any'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/** Runs listed at first, and added by each "show more": a page costs the same with 100 runs or 10,000. */
export const RUNS_PAGE = 100;

/** The runs.list input for the filters (the time range relative to `now`) and how many runs to show. */
export function listInput(filters: RunFilters, now: number, limit = RUNS_PAGE): { limit: number; pipeline?: string; state?: RunState; since?: string; text?: string } {
  return {
    limit,
    ...(filters.pipeline ? { pipeline: filters.pipeline } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.range !== 'any' ? { since: new Date(now - RANGE_MS[filters.range]).toISOString() } : {}),
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
  };
}
