import { create } from 'zustand';
import type { RunDetail, RunEvent, RunState, StepDetail, StepState } from '../../../../shared/pipeline/run-model.ts';

/** What a node shows of its step in the watched run. */
export interface LiveStep {
  state: StepState;
  attempt: number;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  cacheDecision: 'hit' | 'miss' | 'disabled' | null;
}

export interface LiveRunState {
  runId: string | null;
  runState: RunState | null;
  /** Set while the run waits for the engine to come back ("waiting for the engine since …"). */
  engineWait: string | null;
  steps: Readonly<Record<string, LiveStep>>;
  /** Validation problems by step name (from pipelines.validate). */
  problems: Readonly<Record<string, readonly string[]>>;
  watch(runId: string | null): void;
  apply(event: RunEvent): void;
  applyDetail(detail: RunDetail): void;
  setProblems(problems: Readonly<Record<string, readonly string[]>>): void;
}

const RUNNING: ReadonlySet<StepState> = new Set(['running', 'retrying']);

const fromDetail = (step: StepDetail): LiveStep => ({
  state: step.state,
  attempt: step.attempts.at(-1)?.attempt ?? 0,
  message: step.message,
  startedAt: step.startedAt,
  finishedAt: step.finishedAt,
  cacheDecision: step.cache?.decision ?? null,
});

/** The run's "waiting for the engine" message while it waits, else null. */
export const engineWaitOf = (state: RunState, message: string | null): string | null => (state === 'running' && message?.startsWith('waiting for the engine') ? message : null);

const same = (a: LiveStep | undefined, b: LiveStep) =>
  a !== undefined && a.state === b.state && a.attempt === b.attempt && a.message === b.message && a.startedAt === b.startedAt && a.finishedAt === b.finishedAt && a.cacheDecision === b.cacheDecision;

/**
 * The watched run's step states. Each change replaces only that step's object, so a node that
 * selects `steps[name]` re-renders when its own step changes and never for another's.
 */
export const useLiveRunStore = create<LiveRunState>((set) => ({
  runId: null,
  runState: null,
  engineWait: null,
  steps: {},
  problems: {},
  watch: (runId) => set((s) => (s.runId === runId ? {} : { runId, runState: null, engineWait: null, steps: {} })),
  apply: (event) =>
    set((s) => {
      if (event.runId !== s.runId) return {};
      if (event.type === 'run') return { runState: event.state, engineWait: engineWaitOf(event.state, event.message) };
      const previous = s.steps[event.step];
      const next: LiveStep = {
        state: event.state,
        attempt: event.attempt,
        message: event.message,
        startedAt: RUNNING.has(event.state) && !RUNNING.has(previous?.state ?? 'pending') ? event.at : (previous?.startedAt ?? null),
        finishedAt: RUNNING.has(event.state) || event.state === 'pending' || event.state === 'waiting' ? null : (previous?.finishedAt ?? event.at),
        cacheDecision: event.state === 'cached' ? 'hit' : (previous?.cacheDecision ?? null),
      };
      return same(previous, next) ? {} : { steps: { ...s.steps, [event.step]: next } };
    }),
  applyDetail: (detail) =>
    set((s) => {
      if (detail.id !== s.runId) return {};
      let steps: Record<string, LiveStep> | null = null;
      for (const step of detail.steps) {
        const next = fromDetail(step);
        if (same(s.steps[step.name], next)) continue;
        steps ??= { ...s.steps };
        steps[step.name] = next;
      }
      return { runState: detail.state, engineWait: engineWaitOf(detail.state, detail.message), ...(steps ? { steps } : {}) };
    }),
  setProblems: (problems) => set({ problems }),
}));
