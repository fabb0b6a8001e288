import { monitorSpecSchema, type MonitorResult, type MonitorResultSummary, type MonitorSpec } from '../../../shared/monitoring/monitor-model.ts';
import type { DriftReport } from '../../../shared/monitoring/report-model.ts';
import type { Store } from '../store/database.ts';

export interface MonitorRow {
  name: string;
  spec: MonitorSpec;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  lastTick: number | null;
}

interface ResultRow {
  id: number;
  monitor: string;
  at: number;
  window_start: number | null;
  window_end: number | null;
  status: string;
  drift_share: number | null;
  dataset_drifted: number | null;
  drifted_columns: number;
  tested_columns: number;
  quality: string;
  alerts: string;
  error: string | null;
  report?: string | null;
}

const SUMMARY_COLUMNS = 'id, monitor, at, window_start, window_end, status, drift_share, dataset_drifted, drifted_columns, tested_columns, quality, alerts, error';

function summary(row: ResultRow): MonitorResultSummary {
  return {
    id: row.id,
    monitor: row.monitor,
    at: row.at,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    status: row.status as MonitorResultSummary['status'],
    driftShare: row.drift_share,
    datasetDrifted: row.dataset_drifted === null ? null : row.dataset_drifted === 1,
    driftedColumns: row.drifted_columns,
    testedColumns: row.tested_columns,
    quality: JSON.parse(row.quality) as Record<string, number | null>,
    alerts: JSON.parse(row.alerts) as string[],
    error: row.error,
  };
}

/** The monitors table and each monitor's results (a time series), migration 7. */
export class MonitorStore {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }

  upsert(spec: MonitorSpec, now: number): void {
    this.#store.db
      .prepare(
        `INSERT INTO monitors (name, spec, enabled, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at`,
      )
      .run(spec.name, JSON.stringify(spec), now, now);
  }

  delete(name: string): boolean {
    return Number(this.#store.db.prepare('DELETE FROM monitors WHERE name = ?').run(name).changes) === 1;
  }

  setEnabled(name: string, enabled: boolean): boolean {
    return Number(this.#store.db.prepare('UPDATE monitors SET enabled = ? WHERE name = ?').run(enabled ? 1 : 0, name).changes) === 1;
  }

  setLastTick(name: string, tick: number): void {
    this.#store.db.prepare('UPDATE monitors SET last_tick = ? WHERE name = ?').run(tick, name);
  }

  list(): MonitorRow[] {
    const rows = this.#store.db.prepare('SELECT name, spec, enabled, created_at, updated_at, last_tick FROM monitors ORDER BY name').all() as {
      name: string;
      spec: string;
      enabled: number;
      created_at: number;
      updated_at: number;
      last_tick: number | null;
    }[];
    return rows.map((r) => ({ name: r.name, spec: monitorSpecSchema.parse(JSON.parse(r.spec)), enabled: r.enabled === 1, createdAt: r.created_at, updatedAt: r.updated_at, lastTick: r.last_tick }));
  }

  get(name: string): MonitorRow | null {
    return this.list().find((m) => m.name === name) ?? null;
  }

  addResult(result: Omit<MonitorResultSummary, 'id'>, report: DriftReport | null): number {
    const info = this.#store.db
      .prepare(
        `INSERT INTO monitor_results (monitor, at, window_start, window_end, status, drift_share, dataset_drifted, drifted_columns, tested_columns, quality, alerts, error, report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        result.monitor,
        result.at,
        result.windowStart,
        result.windowEnd,
        result.status,
        result.driftShare,
        result.datasetDrifted === null ? null : result.datasetDrifted ? 1 : 0,
        result.driftedColumns,
        result.testedColumns,
        JSON.stringify(result.quality),
        JSON.stringify(result.alerts),
        result.error,
        report ? JSON.stringify(report) : null,
      );
    return Number(info.lastInsertRowid);
  }

  /** Oldest first, at most `limit` (the latest ones). */
  results(monitor: string, limit = 500): MonitorResultSummary[] {
    const rows = this.#store.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM monitor_results WHERE monitor = ? ORDER BY at DESC, id DESC LIMIT ?`).all(monitor, limit) as unknown as ResultRow[];
    return rows.reverse().map(summary);
  }

  latest(monitor: string): MonitorResultSummary | null {
    const row = this.#store.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM monitor_results WHERE monitor = ? ORDER BY at DESC, id DESC LIMIT 1`).get(monitor) as ResultRow | undefined;
    return row ? summary(row) : null;
  }

  result(id: number): MonitorResult | null {
    const row = this.#store.db.prepare(`SELECT ${SUMMARY_COLUMNS}, report FROM monitor_results WHERE id = ?`).get(id) as ResultRow | undefined;
    if (!row) return null;
    return { ...summary(row), report: row.report ? (JSON.parse(row.report) as DriftReport) : null };
  }
}
