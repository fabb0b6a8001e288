import { create } from 'zustand';
import type { RunState } from '../../../shared/pipeline/run-model.ts';

export type TimeRange = 'any' | '1h' | '24h' | '7d' | '30d';

export interface RunFilters {
  pipeline: string;
  state: RunState | '';
  range: TimeRange;
  text: string;
}

/** What the Runs page shows: filters, the open run, runs picked for comparison, the tab. */
export interface RunsUiState {
  tab: 'history' | 'compare';
  filters: RunFilters;
  openRunId: string | null;
  compareIds: readonly string[];
  setTab(tab: RunsUiState['tab']): void;
  setFilters(filters: Partial<RunFilters>): void;
  showRun(id: string | null): void;
  toggleCompare(id: string, picked: boolean): void;
  clearCompare(): void;
}

export const useRunsUi = create<RunsUiState>((set) => ({
  tab: 'history',
  filters: { pipeline: '', state: '', range: 'any', text: '' },
  openRunId: null,
  compareIds: [],
  setTab: (tab) => set({ tab }),
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  showRun: (openRunId) => set({ openRunId, tab: 'history' }),
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
