import { randomUUID } from 'node:crypto';
import type { TaskInfo } from '../../../shared/domain/tasks.ts';

/** What the work itself holds: report progress and lines; the signal aborts when someone cancels. */
export interface TaskHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  /** 0..1, or null for indeterminate. */
  progress(fraction: number | null): void;
  line(text: string): void;
  succeed(line?: string): void;
  fail(message: string): void;
  /** Marks the task cancelled (its signal aborted). */
  cancelled(): void;
}

export interface StartTaskOptions {
  kind: string;
  title: string;
  /** Aborting it cancels the task too (a closed stream, Ctrl-C). */
  signal?: AbortSignal;
}

const KEPT_LINES = 5;
const KEPT_FINISHED = 50;

/**
 * Every long operation the core runs (pull, build, prune…): id, title, progress, the last lines,
 * state, and cancel through an AbortController. Listeners hear every change synchronously.
 */
export class TaskRegistry {
  readonly #tasks = new Map<string, { info: TaskInfo; controller: AbortController }>();
  readonly #listeners = new Set<(task: TaskInfo) => void>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  list(): TaskInfo[] {
    return [...this.#tasks.values()].map((t) => t.info);
  }

  get(id: string): TaskInfo | null {
    return this.#tasks.get(id)?.info ?? null;
  }

  subscribe(listener: (task: TaskInfo) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Aborts a running task's signal; false when it is unknown or already over. */
  cancel(id: string): boolean {
    const entry = this.#tasks.get(id);
    if (!entry || entry.info.state !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  start(options: StartTaskOptions): TaskHandle {
    const id = randomUUID();
    const controller = new AbortController();
    const entry = {
      controller,
      info: {
        id,
        kind: options.kind,
        title: options.title,
        state: 'running',
        progress: null,
        lines: [],
        error: null,
        startedAt: this.#now(),
        endedAt: null,
      } as TaskInfo,
    };
    this.#tasks.set(id, entry);
    this.#trim();
    const outer = options.signal;
    const onOuterAbort = () => controller.abort();
    if (outer) {
      if (outer.aborted) controller.abort();
      else outer.addEventListener('abort', onOuterAbort, { once: true });
    }
    const update = (patch: Partial<TaskInfo>) => {
      if (entry.info.state !== 'running') return;
      entry.info = { ...entry.info, ...patch };
      if (entry.info.state !== 'running') outer?.removeEventListener('abort', onOuterAbort);
      this.#emit(entry.info);
    };
    const withLine = (text: string) => [...entry.info.lines, text].slice(-KEPT_LINES);
    this.#emit(entry.info);
    return {
      id,
      signal: controller.signal,
      progress: (fraction) => {
        const value = fraction === null ? null : Math.min(1, Math.max(0, fraction));
        if (value !== entry.info.progress) update({ progress: value });
      },
      line: (text) => update({ lines: withLine(text) }),
      succeed: (text) => update({ state: 'succeeded', progress: 1, endedAt: this.#now(), ...(text ? { lines: withLine(text) } : {}) }),
      fail: (message) => update({ state: 'failed', error: message, endedAt: this.#now() }),
      cancelled: () => {
        controller.abort();
        update({ state: 'cancelled', endedAt: this.#now() });
      },
    };
  }

  #emit(info: TaskInfo): void {
    for (const listener of [...this.#listeners]) listener(info);
  }

  /** Keeps every running task and the newest finished ones. */
  #trim(): void {
    const finished = [...this.#tasks.values()].filter((t) => t.info.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.#tasks.delete(old.info.id);
  }
}

/**
 * Runs `work` as a task: succeeded when it resolves, cancelled when the task's signal aborted,
 * failed (with the error's message) otherwise. The error is rethrown.
 */
export async function runAsTask<T>(registry: TaskRegistry, options: StartTaskOptions, work: (task: TaskHandle) => Promise<T>, doneLine?: (value: T) => string): Promise<T> {
  const task = registry.start(options);
  try {
    const value = await work(task);
    if (task.signal.aborted) task.cancelled();
    else task.succeed(doneLine?.(value));
    return value;
  } catch (error) {
    if (task.signal.aborted) task.cancelled();
    else task.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
