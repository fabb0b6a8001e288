import type { RunDetail, StepState } from '../../../shared/pipeline/run-model.ts';

/** A stretch of one attempt: queued for a slot, or its container running; `reused` marks a result taken without running. */
export interface TimelineSegment {
  kind: 'waiting' | 'running' | 'reused';
  attempt: number;
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  /** How the attempt ended (or its state now). */
  state: StepState;
  /** Still going: the end is "now". */
  live: boolean;
}

export interface TimelineRow {
  step: string;
  state: StepState;
  segments: TimelineSegment[];
}

export interface Timeline {
  start: number;
  end: number;
  rows: TimelineRow[];
}

const at = (iso: string | null) => (iso ? Date.parse(iso) : null);

/** Per step, per attempt: waiting (ready, no slot yet) then running; live segments end at `now`. */
export function buildTimeline(run: RunDetail, now: number): Timeline {
  const start = Date.parse(run.createdAt);
  const runEnd = at(run.finishedAt);
  const rows = run.steps.map((step): TimelineRow => {
    const segments: TimelineSegment[] = [];
    for (const attempt of step.attempts) {
      const queued = at(attempt.queuedAt);
      const started = at(attempt.startedAt);
      const finished = at(attempt.finishedAt);
      const live = finished === null && run.state === 'running';
      const end = finished ?? (live ? now : (runEnd ?? now));
      if (queued !== null && started !== null && queued < started) segments.push({ kind: 'waiting', attempt: attempt.attempt, start: queued, end: started, state: 'waiting', live: false });
      if (started !== null) segments.push({ kind: 'running', attempt: attempt.attempt, start: started, end: Math.max(started, end), state: attempt.state, live });
    }
    const ready = at(step.readyAt);
    if (step.state === 'waiting' && ready !== null && run.state === 'running') {
      segments.push({ kind: 'waiting', attempt: (step.attempts.at(-1)?.attempt ?? 0) + 1, start: ready, end: Math.max(ready, now), state: 'waiting', live: true });
    }
    if (step.attempts.length === 0 && step.state === 'cached') {
      const when = at(step.startedAt) ?? start;
      segments.push({ kind: 'reused', attempt: 0, start: when, end: when, state: 'cached', live: false });
    }
    return { step: step.name, state: step.state, segments };
  });
  const ends = rows.flatMap((row) => row.segments.map((s) => s.end));
  const end = Math.max(runEnd ?? (run.state === 'running' ? now : start), ...ends, start + 1);
  return { start, end, rows };
}

/** "850 ms", "4.2 s", "3 min 5 s", "1 h 02 min". */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0')} min`;
}
