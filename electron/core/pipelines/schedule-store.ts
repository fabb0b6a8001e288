import type { Store } from '../store/database.ts';

export interface ScheduleRow {
  pipeline: string;
  file: string;
  enabled: boolean;
  lastTick: string | null;
}

/** Which pipeline files are scheduled, the last tick each handled, and which run each tick made. */
export class ScheduleStore {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }

  upsert(pipeline: string, file: string, lastTick: string): void {
    this.#store.db
      .prepare(
        `INSERT INTO schedules (pipeline, file, enabled, last_tick, created_at) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT(pipeline) DO UPDATE SET file = excluded.file, enabled = 1`,
      )
      .run(pipeline, file, lastTick, new Date().toISOString());
  }

  setEnabled(pipeline: string, enabled: boolean): boolean {
    return Number(this.#store.db.prepare('UPDATE schedules SET enabled = ? WHERE pipeline = ?').run(enabled ? 1 : 0, pipeline).changes) === 1;
  }

  setLastTick(pipeline: string, tick: string): void {
    this.#store.db.prepare('UPDATE schedules SET last_tick = ? WHERE pipeline = ? AND (last_tick IS NULL OR last_tick < ?)').run(tick, pipeline, tick);
  }

  list(): ScheduleRow[] {
    const rows = this.#store.db.prepare('SELECT pipeline, file, enabled, last_tick FROM schedules ORDER BY pipeline').all() as {
      pipeline: string;
      file: string;
      enabled: number;
      last_tick: string | null;
    }[];
    return rows.map((r) => ({ pipeline: r.pipeline, file: r.file, enabled: r.enabled === 1, lastTick: r.last_tick }));
  }

  /** False when that tick already has a run (a backfill never makes one twice). */
  recordRun(runId: string, pipeline: string, tick: string): boolean {
    const result = this.#store.db.prepare('INSERT OR IGNORE INTO schedule_runs (run_id, pipeline, tick) VALUES (?, ?, ?)').run(runId, pipeline, tick);
    return Number(result.changes) === 1;
  }

  hasRunFor(pipeline: string, tick: string): boolean {
    return this.#store.db.prepare('SELECT 1 FROM schedule_runs WHERE pipeline = ? AND tick = ?').get(pipeline, tick) !== undefined;
  }
}
