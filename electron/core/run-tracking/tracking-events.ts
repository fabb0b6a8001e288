import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { TrackingEvent } from '../../../shared/api/methods/tracking.ts';
import type { TrackingStore } from '../tracking/tracking-store.ts';

type Listener = (event: TrackingEvent) => void;

/**
 * Live tracking changes for the UI (`tracking.events`): every write this process makes through
 * the TrackingStore (the REST endpoint's, step tracking's, system metrics') is told to listeners as
 * it is committed; writes other processes make to the same database (`benchtop run`, `benchtop
 * tracking serve`) are noticed by watching the database file (fs.watch, no polling) and checking
 * SQLite's `PRAGMA data_version`, which moves only for other connections' commits, then reported as
 * `changed` (look again).
 */
export class TrackingEvents {
  readonly #tracking: TrackingStore;
  readonly #listeners = new Set<Listener>();
  #watcher: FSWatcher | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #dataVersion = -1;

  constructor(tracking: TrackingStore) {
    this.#tracking = tracking;
    observeWrites(tracking, (event) => this.#emit(event));
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#startWatching();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stopWatching();
    };
  }

  /** Looks for other processes' writes now (tests; the file watcher calls it after a change). */
  check(): void {
    const version = this.#readDataVersion();
    if (version !== this.#dataVersion) {
      this.#dataVersion = version;
      this.#emit({ type: 'changed' });
    }
  }

  close(): void {
    this.#listeners.clear();
    this.#stopWatching();
  }

  #emit(event: TrackingEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop a write.
      }
    }
  }

  #readDataVersion(): number {
    try {
      return Number((this.#tracking.store.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
    } catch {
      return this.#dataVersion;
    }
  }

  #startWatching(): void {
    const path = this.#tracking.store.path;
    if (path === ':memory:') return;
    this.#dataVersion = this.#readDataVersion();
    const base = basename(path);
    try {
      this.#watcher = watch(dirname(path), (_type, name) => {
        if (name && !String(name).startsWith(base)) return;
        this.#timer ??= setTimeout(() => {
          this.#timer = null;
          this.check();
        }, 100);
      });
      this.#watcher.on('error', () => this.#stopWatching());
    } catch {
      this.#watcher = null;
    }
  }

  #stopWatching(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * Wraps the store instance's write methods so that each successful write is reported after it
 * returned (committed). The TrackingStore has no notification of its own; wrapping the one
 * instance the core shares covers every writer in this process.
 */
function observeWrites(tracking: TrackingStore, emit: Listener): void {
  const experimentOf = (runId: string) => tracking.runOwner(runId)?.experimentId ?? '';
  const statusOf = (runId: string) => tracking.getRun(runId)?.info.status ?? 'RUNNING';
  // Writes call one another (logMetric is a one-metric logBatch): only the outermost one reports.
  let depth = 0;
  const wrap = <K extends keyof TrackingStore>(name: K, after: (args: never[], result: unknown) => void) => {
    const original = tracking[name] as unknown as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') return;
    Object.defineProperty(tracking, name, {
      configurable: true,
      value: (...args: never[]) => {
        depth += 1;
        let result: unknown;
        try {
          result = original.apply(tracking, args);
        } finally {
          depth -= 1;
        }
        if (depth === 0) {
          try {
            after(args, result);
          } catch {
            // Reporting never breaks a write.
          }
        }
        return result;
      },
    });
  };
  const runChanged = (args: never[]) => {
    const runId = String(args[0]);
    emit({ type: 'run', runId, experimentId: experimentOf(runId), status: statusOf(runId) });
  };
  wrap('logBatch', (args) => {
    const [runId, batch] = args as unknown as [string, { metrics?: { key: string; value: number; timestamp: number; step?: number }[]; params?: unknown[]; tags?: unknown[] }];
    const points = (batch.metrics ?? []).filter((m) => Number.isFinite(m.value)).map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp, step: m.step ?? 0 }));
    if (points.length > 0) emit({ type: 'metrics', runId, experimentId: experimentOf(runId), points });
    if ((batch.params?.length ?? 0) > 0 || (batch.tags?.length ?? 0) > 0) runChanged(args);
  });
  wrap('logMetric', (args) => {
    const [runId, m] = args as unknown as [string, { key: string; value: number; timestamp: number; step?: number }];
    if (Number.isFinite(m.value)) emit({ type: 'metrics', runId, experimentId: experimentOf(runId), points: [{ key: m.key, value: m.value, timestamp: m.timestamp, step: m.step ?? 0 }] });
  });
  for (const name of ['updateRun', 'deleteRun', 'restoreRun', 'logParam', 'setTag', 'deleteTag'] as const) wrap(name, runChanged);
  wrap('createRun', (_args, result) => {
    const run = result as { info: { run_id: string; experiment_id: string; status: 'RUNNING' } };
    emit({ type: 'run', runId: run.info.run_id, experimentId: run.info.experiment_id, status: run.info.status });
  });
  wrap('createExperiment', (_args, result) => emit({ type: 'experiment', experimentId: String(result) }));
  for (const name of ['updateExperiment', 'deleteExperiment', 'restoreExperiment', 'setExperimentTag'] as const) wrap(name, (args) => emit({ type: 'experiment', experimentId: String(args[0]) }));
}
