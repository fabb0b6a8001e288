import { describe, expect, it } from 'vitest';
import type { AttemptDetail, RunDetail, StepDetail } from '../../../shared/pipeline/run-model.ts';
import { buildTimeline, formatSpan } from './timeline-model.ts';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ms = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);
const attempt = (n: number, queued: number, started: number, finished: number | null, state: AttemptDetail['state']): AttemptDetail => ({
  attempt: n,
  state,
  containerId: null,
  exitCode: null,
  oomKilled: false,
  reason: null,
  logPath: '',
  queuedAt: t(queued),
  startedAt: t(started),
  finishedAt: finished === null ? null : t(finished),
});
const step = (name: string, state: StepDetail['state'], attempts: AttemptDetail[], extra: Partial<StepDetail> = {}): StepDetail => ({
  name,
  state,
  message: null,
  imageDigest: null,
  startedAt: null,
  finishedAt: null,
  attempts,
  outputs: {},
  metrics: {},
  artifacts: [],
  cache: null,
  readyAt: null,
  reusedFrom: null,
  ...extra,
});
const run = (state: RunDetail['state'], steps: StepDetail[], finished: number | null = null): RunDetail => ({
  id: 'r',
  name: 'p brave-otter',
  pipeline: 'p',
  file: null,
  state,
  message: null,
  params: {},
  createdAt: t(0),
  finishedAt: finished === null ? null : t(finished),
  rerunOf: null,
  rerunMode: null,
  steps,
});

describe('run timeline', () => {
  it('splits each attempt into waiting (queued for a slot) and running; retries get their own bars', () => {
    const timeline = buildTimeline(
      run('failed', [step('a', 'succeeded', [attempt(1, 0, 1, 4, 'succeeded')]), step('b', 'failed', [attempt(1, 0, 4, 5, 'failed'), attempt(2, 7, 7, 9, 'failed')])], 9),
      ms(100),
    );
    expect(timeline).toMatchObject({ start: ms(0), end: ms(9) });
    expect(timeline.rows[0].segments).toEqual([
      { kind: 'waiting', attempt: 1, start: ms(0), end: ms(1), state: 'waiting', live: false },
      { kind: 'running', attempt: 1, start: ms(1), end: ms(4), state: 'succeeded', live: false },
    ]);
    expect(timeline.rows[1].segments.map((s) => [s.kind, s.attempt, s.state])).toEqual([
      ['waiting', 1, 'waiting'],
      ['running', 1, 'failed'],
      ['running', 2, 'failed'],
    ]);
  });

  it('while the run goes on, running and waiting bars grow to now', () => {
    const timeline = buildTimeline(
      run('running', [step('a', 'running', [attempt(1, 0, 2, null, 'running')]), step('b', 'waiting', [], { readyAt: t(1) }), step('c', 'pending', [])]),
      ms(30),
    );
    expect(timeline.end).toBe(ms(30));
    expect(timeline.rows[0].segments[1]).toMatchObject({ kind: 'running', end: ms(30), live: true });
    expect(timeline.rows[1].segments).toEqual([{ kind: 'waiting', attempt: 1, start: ms(1), end: ms(30), state: 'waiting', live: true }]);
    expect(timeline.rows[2].segments).toEqual([]);
  });

  it('a reused or cached step without attempts is a mark at the moment it was taken', () => {
    const timeline = buildTimeline(run('succeeded', [step('a', 'cached', [], { startedAt: t(0), reusedFrom: 'old' })], 1), ms(5));
    expect(timeline.rows[0].segments).toEqual([{ kind: 'reused', attempt: 0, start: ms(0), end: ms(0), state: 'cached', live: false }]);
  });

  it('formats spans', () => {
    expect([formatSpan(850), formatSpan(4200), formatSpan(185_000), formatSpan(3_720_000)]).toEqual(['850 ms', '4.2 s', '3 min 5 s', '1 h 02 min']);
  });
});
