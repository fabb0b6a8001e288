import { existsSync } from 'node:fs';
import { Cron } from 'croner';
import { ApiError } from '../../../shared/api/errors.ts';
import { computeDriftReport } from '../../../shared/monitoring/drift-report.ts';
import {
  monitorSpecSchema,
  monitorWhenValues,
  type MonitorEvent,
  type MonitorResult,
  type MonitorResultSummary,
  type MonitorSpec,
  type MonitorSpecInput,
  type MonitorSummary,
} from '../../../shared/monitoring/monitor-model.ts';
import { computeQuality } from '../../../shared/monitoring/quality.ts';
import type { DriftReport } from '../../../shared/monitoring/report-model.ts';
import { nextTick } from '../../../shared/pipeline/cron.ts';
import type { Store } from '../store/database.ts';
import { alertsFor } from './alerts.ts';
import { loadCurrent, loadLabels, loadReference, resolveModel, type SourceDeps } from './data-sources.ts';
import { MonitorStore, type MonitorRow } from './monitor-store.ts';

export interface MonitorServiceOptions extends SourceDeps {
  store: Store;
  now?: () => number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Monitors: their specs, runs (load reference and the current window, compute the drift report
 * and quality, store the result, raise alerts), the time series of results, a cron scheduler (one
 * timer for the earliest next tick, croner via shared/pipeline/cron.ts) and the values pipeline
 * `when:` expressions read (`monitors.NAME.drift_share`).
 */
export class MonitorService {
  readonly store: MonitorStore;
  readonly #deps: MonitorServiceOptions;
  readonly #now: () => number;
  readonly #listeners = new Set<(event: MonitorEvent) => void>();
  readonly #running = new Map<string, Promise<MonitorResult>>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #started = false;
  #holds = 0;

  constructor(options: MonitorServiceOptions) {
    this.#deps = options;
    this.store = new MonitorStore(options.store);
    this.#now = options.now ?? Date.now;
  }

  subscribe(listener: (event: MonitorEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Creates or replaces a monitor; the spec is checked (schema, cron, window) before anything is written. */
  save(input: MonitorSpecInput): MonitorSummary {
    const parsed = monitorSpecSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError('invalid_input', `Monitor spec: ${issue.path.join('.') || 'spec'}: ${issue.message}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
    }
    const spec = parsed.data;
    if (spec.schedule) {
      try {
        new Cron(spec.schedule.cron, { timezone: spec.schedule.timezone, paused: true });
      } catch (error) {
        throw new ApiError('invalid_input', `Monitor ${spec.name}: schedule "${spec.schedule.cron}" is not a cron expression: ${(error as Error).message}`);
      }
    }
    for (const [role, source] of [['reference', spec.reference], ['current data', spec.current]] as const) {
      if (source.kind === 'file' && !existsSync(source.path)) throw new ApiError('invalid_input', `Monitor ${spec.name}: the ${role} file ${source.path} does not exist.`);
    }
    if (spec.model && this.#deps.catalog) resolveModel(this.#deps, spec.model);
    if (spec.labels?.kind === 'file' && !existsSync(spec.labels.path)) throw new ApiError('invalid_input', `Monitor ${spec.name}: the labels file ${spec.labels.path} does not exist.`);
    this.store.upsert(spec, this.#now());
    this.#rearm();
    return this.summary(spec.name);
  }

  delete(name: string): void {
    if (!this.store.delete(name)) throw this.#notFound(name);
    this.#rearm();
  }

  setEnabled(name: string, enabled: boolean): MonitorSummary {
    if (!this.store.setEnabled(name, enabled)) throw this.#notFound(name);
    this.#rearm();
    return this.summary(name);
  }

  list(): MonitorSummary[] {
    return this.store.list().map((row) => this.#summary(row));
  }

  summary(name: string): MonitorSummary {
    const row = this.store.get(name);
    if (!row) throw this.#notFound(name);
    return this.#summary(row);
  }

  /** A monitor with its result series (oldest first) and its latest full report. */
  detail(name: string, limit = 500): { monitor: MonitorSummary; results: MonitorResultSummary[]; latest: MonitorResult | null } {
    const monitor = this.summary(name);
    const results = this.store.results(name, limit);
    const last = results.at(-1);
    return { monitor, results, latest: last ? this.store.result(last.id) : null };
  }

  result(id: number): MonitorResult {
    const result = this.store.result(id);
    if (!result) throw new ApiError('not_found', `No monitor result ${id}.`);
    return result;
  }

  /** What `when: monitors.NAME.FIELD` reads: the latest result's values, or null when there is none. */
  whenValues(name: string): Record<string, number | boolean | string | null> | null {
    const latest = this.store.latest(name);
    return latest ? monitorWhenValues(latest) : null;
  }

  /** Runs a monitor over its last window now; concurrent calls for one monitor share the run. */
  run(name: string, signal?: AbortSignal): Promise<MonitorResult> {
    const existing = this.#running.get(name);
    if (existing) return existing;
    const row = this.store.get(name);
    if (!row) return Promise.reject(this.#notFound(name));
    const promise = this.#run(row.spec, signal).finally(() => this.#running.delete(name));
    this.#running.set(name, promise);
    return promise;
  }

  async #run(spec: MonitorSpec, signal?: AbortSignal): Promise<MonitorResult> {
    const at = this.#now();
    let report: DriftReport | null = null;
    let windowStart: number | null = null;
    let windowEnd: number | null = null;
    let error: string | null = null;
    try {
      const built = await buildMonitorReport(this.#deps, spec, at, signal);
      report = built.report;
      windowStart = built.windowStart;
      windowEnd = built.windowEnd;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const alerts = report ? alertsFor(spec, report) : [];
    const status: MonitorResultSummary['status'] = error ? 'error' : alerts.length ? 'alert' : report?.driftShare === null ? 'refused' : 'ok';
    const summary: Omit<MonitorResultSummary, 'id'> = {
      monitor: spec.name,
      at,
      windowStart,
      windowEnd,
      status,
      driftShare: report?.driftShare ?? null,
      datasetDrifted: report?.datasetDrifted ?? null,
      driftedColumns: report?.driftedColumns ?? 0,
      testedColumns: report?.testedColumns ?? 0,
      quality: report?.quality?.metrics ?? {},
      alerts,
      error,
    };
    const id = this.store.addResult(summary, report);
    const result: MonitorResult = { ...summary, id, report };
    const event: MonitorEvent = { type: 'result', monitor: spec.name, result: { ...summary, id } };
    for (const listener of this.#listeners) listener(event);
    return result;
  }

  /** Starts the cron schedules (the app and the web host; `benchtop monitor run` runs one at once). */
  start(): void {
    this.#started = true;
    this.#rearm();
  }

  /**
   * Keeps the schedules running while held (a UI or `benchtop monitor watch` following
   * monitors.events in the web host or the CLI); the last release stops them unless start() was called.
   */
  hold(): () => void {
    this.#holds++;
    if (!this.#started) this.#rearmFor(true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds === 0 && !this.#started) {
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = null;
      }
    };
  }

  stop(): void {
    this.#started = false;
    this.#holds = 0;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #nextRun(row: MonitorRow, after: number): number | null {
    if (!row.enabled || !row.spec.schedule) return null;
    try {
      return nextTick([row.spec.schedule.cron], row.spec.schedule.timezone, new Date(after))?.getTime() ?? null;
    } catch {
      return null;
    }
  }

  #rearm(): void {
    this.#rearmFor(this.#started || this.#holds > 0);
  }

  #rearmFor(active: boolean): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!active) return;
    const now = this.#now();
    const ticks = this.store
      .list()
      .map((row) => ({ row, at: this.#nextRun(row, Math.max(now, row.lastTick ?? 0)) }))
      .filter((t): t is { row: MonitorRow; at: number } => t.at !== null);
    if (ticks.length === 0) return;
    const earliest = Math.min(...ticks.map((t) => t.at));
    this.#timer = setTimeout(() => void this.#tick(earliest), Math.min(Math.max(0, earliest - now), MAX_TIMER_MS));
    this.#timer.unref?.();
  }

  async #tick(due: number): Promise<void> {
    this.#timer = null;
    if (this.#now() < due) return this.#rearm();
    const rows = this.store.list().filter((row) => {
      const next = this.#nextRun(row, row.lastTick ?? row.createdAt);
      return next !== null && next <= this.#now();
    });
    for (const row of rows) this.store.setLastTick(row.name, this.#now());
    this.#rearm();
    await Promise.all(rows.map((row) => this.run(row.name).catch(() => undefined)));
  }

  #summary(row: MonitorRow): MonitorSummary {
    return {
      name: row.name,
      spec: row.spec,
      enabled: row.enabled,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      nextRun: this.#nextRun(row, this.#now()),
      latest: this.store.latest(row.name),
    };
  }

  #notFound(name: string): ApiError {
    return new ApiError('not_found', `No monitor "${name}": list them with benchtop monitor ls.`);
  }
}

/** Loads a monitor's data and computes its report (drift, and quality when labels exist). */
export async function buildMonitorReport(deps: SourceDeps, spec: MonitorSpec, now: number, signal?: AbortSignal): Promise<{ report: DriftReport; windowStart: number | null; windowEnd: number | null }> {
  const model = resolveModel(deps, spec.model);
  const [reference, current] = await Promise.all([loadReference(deps, spec.reference, signal), loadCurrent(deps, spec.current, now, signal)]);
  const labels = await loadLabels(spec.labels, current, signal);
  const labelColumns = new Set<string>(spec.labels?.kind === 'column' ? [spec.labels.column, ...(spec.labels.predictionColumn ? [spec.labels.predictionColumn] : [])] : []);
  const columns = (spec.columns?.map((name) => ({ name, type: model?.columns?.find((c) => c.name === name)?.type ?? null })) ?? model?.columns ?? reference.frame.columns.map((c) => ({ name: c.name }))).filter(
    (c) => !labelColumns.has(c.name),
  );
  const quality = labels ? computeQuality(labels.labels, labels.predictions, model?.training ?? {}, spec.minRows) : null;
  const report = computeDriftReport(reference.frame, current.frame, {
    columns,
    minRows: spec.minRows,
    driftShareThreshold: spec.thresholds.driftShare,
    referenceSource: reference.description,
    currentSource: current.description,
    model: model?.label ?? null,
    quality,
    now,
  });
  const extra = current.frame.columns.map((c) => c.name).filter((name) => !columns.some((c) => c.name === name) && !labelColumns.has(name));
  if (extra.length) report.problems.unshift(`the current data has column${extra.length === 1 ? '' : 's'} not tested: ${extra.join(', ')}`);
  return { report, windowStart: current.windowStart, windowEnd: current.windowEnd };
}
