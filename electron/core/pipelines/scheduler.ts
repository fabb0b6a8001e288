import { readFile } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.ts';
import { missedTickToRun, nextTick, ticksBetween } from '../../../shared/pipeline/cron.ts';
import { formatProblem } from '../../../shared/pipeline/problems.ts';
import type { PipelineSpec, ScheduleSpec } from '../../../shared/pipeline/schema.ts';
import { durationMs } from '../../../shared/pipeline/units.ts';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';
import type { Store } from '../store/database.ts';
import { ScheduleStore } from './schedule-store.ts';

/** Without startingDeadline, a tick missed by up to an hour still runs (once). */
export const DEFAULT_STARTING_DEADLINE_MS = 60 * 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ScheduleInfo {
  pipeline: string;
  file: string;
  enabled: boolean;
  suspended: boolean;
  cron: string[];
  timezone: string | null;
  concurrency: ScheduleSpec['concurrency'];
  lastTick: string | null;
  nextTick: string | null;
  problem: string | null;
}

/** What the scheduler needs of the pipeline service. */
export interface RunLauncher {
  startRun(request: { text: string; file: string }): { runId: string; done: Promise<unknown> | null };
  list(limit?: number): { id: string; pipeline: string; state: string }[];
  cancel(id: string): Promise<unknown>;
}

export interface ScheduleTicks {
  pipeline: string;
  next: string[];
  missed: string[];
  missedCount: number;
  catchUp: string | null;
  startingDeadlineMs: number;
  backfill: string[] | null;
}

export type ScheduleEvent = { type: 'tick'; pipeline: string; tick: string; runId: string | null; note: string };

/**
 * Starts runs of scheduled pipeline files on their cron ticks, with one timer for the earliest
 * next tick (no polling). The file is read again at each tick. Concurrency: Forbid skips a tick
 * while a run of the pipeline is running, Replace cancels it first, Allow starts another. After
 * downtime the latest missed tick runs once if within startingDeadline.
 */
export class PipelineScheduler {
  readonly #service: RunLauncher;
  readonly #schedules: ScheduleStore;
  readonly #now: () => Date;
  readonly #listeners = new Set<(event: ScheduleEvent) => void>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;

  /** Whether the engine answers now, and a wait until it does (false when stopped); absent: always up. */
  readonly #engine: { up(): Promise<boolean>; back(signal: AbortSignal): Promise<boolean> } | null;
  #engineWait: AbortController | null = null;

  constructor(options: { service: RunLauncher; store: Store; now?: () => Date; engine?: { up(): Promise<boolean>; back(signal: AbortSignal): Promise<boolean> } }) {
    this.#engine = options.engine ?? null;
    this.#service = options.service;
    this.#schedules = new ScheduleStore(options.store);
    this.#now = options.now ?? (() => new Date());
  }

  get running(): boolean {
    return this.#running;
  }

  onEvent(listener: (event: ScheduleEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Schedules a pipeline file by its `schedule` section; ticks before now are not backfilled. */
  async enable(file: string): Promise<ScheduleInfo> {
    const spec = await this.#read(file);
    if (!spec.schedule) throw new ApiError('invalid_input', `${file} has no schedule section: add schedule: { cron: ["0 3 * * *"] } to it.`);
    this.#schedules.upsert(spec.metadata.name, file, this.#now().toISOString());
    this.#rearm();
    return (await this.list()).find((s) => s.pipeline === spec.metadata.name) as ScheduleInfo;
  }

  disable(pipeline: string): void {
    if (!this.#schedules.setEnabled(pipeline, false)) throw new ApiError('not_found', `No schedule for pipeline "${pipeline}": see them with benchtop schedule ls.`);
    this.#rearm();
  }

  async list(): Promise<ScheduleInfo[]> {
    const now = this.#now();
    const infos: ScheduleInfo[] = [];
    for (const row of this.#schedules.list()) {
      const spec = await this.#read(row.file).catch((error: Error) => error);
      if (spec instanceof Error) {
        infos.push({ ...row, suspended: false, cron: [], timezone: null, concurrency: 'Forbid', nextTick: null, problem: spec.message });
        continue;
      }
      const schedule = spec.schedule;
      const next = schedule && row.enabled && !schedule.suspend ? nextTick(schedule.cron, schedule.timezone, now) : null;
      infos.push({
        ...row,
        suspended: schedule?.suspend ?? false,
        cron: schedule?.cron ?? [],
        timezone: schedule?.timezone ?? null,
        concurrency: schedule?.concurrency ?? 'Forbid',
        nextTick: next?.toISOString() ?? null,
        problem: schedule ? null : 'the file no longer has a schedule section',
      });
    }
    return infos;
  }

  /** Catches up missed ticks (once each schedule, within its deadline), then waits for the next. */
  async start(): Promise<void> {
    this.#running = true;
    await this.#catchUp();
    this.#rearm();
  }

  async #catchUp(): Promise<void> {
    const now = this.#now();
    for (const info of await this.list()) {
      if (!info.enabled || info.suspended || info.problem || !info.lastTick) continue;
      const spec = await this.#read(info.file);
      const schedule = spec.schedule as ScheduleSpec;
      const missed = ticksBetween(schedule.cron, schedule.timezone, new Date(info.lastTick), now);
      const deadline = schedule.startingDeadline ? durationMs(schedule.startingDeadline) : DEFAULT_STARTING_DEADLINE_MS;
      const tick = missedTickToRun(missed, now, deadline);
      if (tick) await this.#fire(info.pipeline, info.file, tick);
      else if (missed.length > 0) {
        this.#schedules.setLastTick(info.pipeline, missed[missed.length - 1].toISOString());
        this.#emit({ type: 'tick', pipeline: info.pipeline, tick: missed[missed.length - 1].toISOString(), runId: null, note: `${missed.length} missed tick(s) past the starting deadline were skipped; backfill them if needed` });
      }
    }
  }

  /**
   * The next `count` ticks; the ticks missed since lastTick (none of them made a run) with the one
   * start() would catch up; and, given a range, the ticks a backfill would run.
   */
  async ticks(pipeline: string, count: number, range?: { from: Date; to: Date }): Promise<ScheduleTicks> {
    const row = this.#schedules.list().find((s) => s.pipeline === pipeline);
    if (!row) throw new ApiError('not_found', `No schedule for pipeline "${pipeline}": enable it first with benchtop schedule enable FILE.`);
    const schedule = (await this.#read(row.file)).schedule;
    if (!schedule) throw new ApiError('invalid_input', `${row.file} no longer has a schedule section: add one, or disable the schedule.`);
    const now = this.#now();
    const deadline = schedule.startingDeadline ? durationMs(schedule.startingDeadline) : DEFAULT_STARTING_DEADLINE_MS;
    const next: string[] = [];
    for (let cursor = now; next.length < count; ) {
      const tick = nextTick(schedule.cron, schedule.timezone, cursor);
      if (!tick) break;
      next.push(tick.toISOString());
      cursor = tick;
    }
    const missed = row.lastTick ? ticksBetween(schedule.cron, schedule.timezone, new Date(row.lastTick), now).filter((t) => !this.#schedules.hasRunFor(pipeline, t.toISOString())) : [];
    const catchUp = missedTickToRun(missed, now, deadline);
    let backfill: string[] | null = null;
    if (range) {
      if (!(range.from < range.to)) throw new ApiError('invalid_input', 'A backfill range needs from before to (ISO dates, e.g. 2026-01-01T00:00:00Z).');
      backfill = ticksBetween(schedule.cron, schedule.timezone, range.from, range.to, 1000)
        .map((t) => t.toISOString())
        .filter((t) => !this.#schedules.hasRunFor(pipeline, t));
    }
    return {
      pipeline,
      next: row.enabled && !schedule.suspend ? next : [],
      missed: missed.slice(-100).map((t) => t.toISOString()),
      missedCount: missed.length,
      catchUp: catchUp?.toISOString() ?? null,
      startingDeadlineMs: deadline,
      backfill,
    };
  }

  stop(): void {
    this.#running = false;
    this.#engineWait?.abort();
    this.#engineWait = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** One run per tick in (from, to] that has none yet, at most `parallel` at once. Resolves with the run ids. */
  async backfill(pipeline: string, from: Date, to: Date, parallel = 1): Promise<string[]> {
    const row = this.#schedules.list().find((s) => s.pipeline === pipeline);
    if (!row) throw new ApiError('not_found', `No schedule for pipeline "${pipeline}": enable it first with benchtop schedule enable FILE.`);
    if (!(from < to)) throw new ApiError('invalid_input', 'Backfill needs --from before --to (ISO dates, e.g. 2026-01-01T00:00:00Z).');
    const text = await readFile(row.file, 'utf8');
    const spec = await this.#read(row.file);
    const schedule = spec.schedule as ScheduleSpec;
    const ticks = ticksBetween(schedule.cron, schedule.timezone, from, to, 1000).filter((t) => !this.#schedules.hasRunFor(pipeline, t.toISOString()));
    const runIds: string[] = [];
    const queue = [...ticks];
    const worker = async () => {
      for (let tick = queue.shift(); tick; tick = queue.shift()) {
        const { runId, done } = this.#service.startRun({ text, file: row.file });
        this.#schedules.recordRun(runId, pipeline, tick.toISOString());
        runIds.push(runId);
        this.#emit({ type: 'tick', pipeline, tick: tick.toISOString(), runId, note: 'backfill' });
        await done;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
    return runIds;
  }

  #emit(event: ScheduleEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  async #read(file: string): Promise<PipelineSpec> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ApiError('not_found', `Cannot read ${file} (${error.code ?? error.message}): check the path.`);
    });
    const parsed = parsePipeline(text);
    if (!parsed.ok) throw new ApiError('invalid_input', formatProblem(file, parsed.problems[0]));
    return parsed.spec;
  }

  /** One wait for the engine for all schedules; then the missed ticks are caught up. */
  #waitForEngine(): void {
    if (this.#engineWait || !this.#engine) return;
    const wait = new AbortController();
    this.#engineWait = wait;
    void this.#engine
      .back(wait.signal)
      .then(async (back) => {
        if (this.#engineWait !== wait) return;
        this.#engineWait = null;
        if (back && this.#running) await this.#catchUp();
      })
      .catch(() => undefined);
  }

  /** One timer for the earliest next tick of every enabled schedule. */
  #rearm(): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    void this.list().then((infos) => {
      if (!this.#running) return;
      const due = infos.filter((i) => i.nextTick).sort((a, b) => (a.nextTick as string).localeCompare(b.nextTick as string))[0];
      if (!due) return;
      const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(due.nextTick as string) - this.#now().getTime()));
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        const tick = new Date(due.nextTick as string);
        const fire = tick.getTime() <= this.#now().getTime() ? this.#fire(due.pipeline, due.file, tick) : Promise.resolve();
        void fire.catch(() => undefined).finally(() => this.#rearm());
      }, wait);
    });
  }

  async #fire(pipeline: string, file: string, tick: Date): Promise<void> {
    const iso = tick.toISOString();
    if (this.#engine && !(await this.#engine.up())) {
      // The engine is away: the tick is missed, not spent. When the engine answers again the missed
      // ticks are caught up as after downtime: the latest runs once if still within startingDeadline.
      this.#emit({ type: 'tick', pipeline, tick: iso, runId: null, note: 'missed: the engine is not answering; it runs when the engine is back, if still within startingDeadline' });
      this.#waitForEngine();
      return;
    }
    this.#schedules.setLastTick(pipeline, iso);
    if (this.#schedules.hasRunFor(pipeline, iso)) return;
    let text: string;
    let spec: PipelineSpec;
    try {
      text = await readFile(file, 'utf8');
      spec = await this.#read(file);
    } catch (error) {
      this.#emit({ type: 'tick', pipeline, tick: iso, runId: null, note: `skipped: ${(error as Error).message}` });
      return;
    }
    const active = this.#service.list(1000).filter((r) => r.pipeline === pipeline && r.state === 'running');
    const concurrency = spec.schedule?.concurrency ?? 'Forbid';
    if (active.length > 0 && concurrency === 'Forbid') {
      this.#emit({ type: 'tick', pipeline, tick: iso, runId: null, note: `skipped: run ${active[0].id} is still running (concurrency Forbid)` });
      return;
    }
    if (active.length > 0 && concurrency === 'Replace') for (const run of active) await this.#service.cancel(run.id).catch(() => undefined);
    const { runId, done } = this.#service.startRun({ text, file });
    done?.catch(() => undefined);
    this.#schedules.recordRun(runId, pipeline, iso);
    this.#emit({ type: 'tick', pipeline, tick: iso, runId, note: 'started' });
  }
}
