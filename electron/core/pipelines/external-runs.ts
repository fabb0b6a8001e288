import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RunEvent, RunState, StepState } from '../../../shared/pipeline/run-model.ts';
import type { Store } from '../store/database.ts';

interface Known {
  state: RunState;
  steps: Record<string, StepState>;
}

/**
 * Notices runs that other processes (`benchtop run`, `benchtop scheduler`, a second window) write to
 * the shared database, and reports their changes as run events. It watches the database file and
 * its WAL (fs.watch, no polling) and compares what changed with what it last knew; the changes
 * this process makes are told to it first (`note`), so they are never reported twice.
 */
export class ExternalRunWatcher {
  readonly #store: Store;
  readonly #emit: (event: RunEvent) => void;
  readonly #known = new Map<string, Known>();
  #watcher: FSWatcher | null = null;
  #users = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(store: Store, emit: (event: RunEvent) => void) {
    this.#store = store;
    this.#emit = emit;
  }

  /** Starts watching for the first user; the returned function releases it (the last release stops). */
  retain(): () => void {
    if (this.#users++ === 0) this.#start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#users === 0) this.#stop();
    };
  }

  /** A change this process made (and reports itself). */
  note(event: RunEvent): void {
    if (!this.#watcher) return;
    const known = this.#known.get(event.runId) ?? { state: 'running', steps: {} };
    if (event.type === 'run') known.state = event.state;
    else known.steps[event.step] = event.state;
    this.#known.set(event.runId, known);
  }

  /** Looks at the store now (tests call it; the file watcher calls it after a write). */
  check(): void {
    if (!this.#watcher) return;
    for (const [runId, now] of this.#read()) {
      const before = this.#known.get(runId);
      this.#known.set(runId, now);
      if (!before) {
        this.#emit({ type: 'run', runId, state: now.state, message: null, at: new Date().toISOString() });
        continue;
      }
      for (const [step, state] of Object.entries(now.steps)) {
        if (before.steps[step] !== state) this.#emit({ type: 'step', runId, step, state, attempt: 0, message: null, at: new Date().toISOString() });
      }
      if (before.state !== now.state) {
        const row = this.#store.db.prepare('SELECT message FROM pipeline_runs WHERE id = ?').get(runId) as { message: string | null } | undefined;
        this.#emit({ type: 'run', runId, state: now.state, message: row?.message ?? null, at: new Date().toISOString() });
      }
    }
  }

  #start(): void {
    if (this.#store.path === ':memory:') return;
    const base = basename(this.#store.path);
    for (const [runId, known] of this.#read()) this.#known.set(runId, known);
    try {
      this.#watcher = watch(dirname(this.#store.path), (_type, name) => {
        if (name && !String(name).startsWith(base)) return;
        this.#timer ??= setTimeout(() => {
          this.#timer = null;
          try {
            this.check();
          } catch {
            // The database may be closing; the next write looks again.
          }
        }, 100);
      });
    } catch {
      this.#watcher = null;
    }
  }

  #stop(): void {
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#known.clear();
  }

  /**
   * Runs still running, or that started or ended in the last day, with their step states. Three
   * index lookups (state, created_at, finished_at: migration 10), not a scan of every run: it runs
   * after each write to the database file, and a home with 10,000 runs made it 300 ms a time.
   */
  #read(): Map<string, Known> {
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const rows = this.#store.db
      .prepare(
        `SELECT r.id, r.state, s.step, s.state AS step_state FROM pipeline_runs r JOIN run_steps s ON s.run_id = r.id
         WHERE r.id IN (SELECT id FROM pipeline_runs WHERE state = 'running'
                        UNION ALL SELECT id FROM pipeline_runs WHERE created_at >= ?
                        UNION ALL SELECT id FROM pipeline_runs WHERE finished_at >= ?)`,
      )
      .all(since, since) as { id: string; state: RunState; step: string; step_state: StepState }[];
    const runs = new Map<string, Known>();
    for (const row of rows) {
      const known = runs.get(row.id) ?? { state: row.state, steps: {} };
      known.steps[row.step] = row.step_state;
      runs.set(row.id, known);
    }
    return runs;
  }
}
