import { existsSync } from 'node:fs';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { resolveParams } from '../../../shared/pipeline/params.ts';
import { formatProblem } from '../../../shared/pipeline/problems.ts';
import type { RunComparison, RunDetail, RunEvent, RunFilter, RunState, RunSummary } from '../../../shared/pipeline/run-model.ts';
import type { PipelineSpec } from '../../../shared/pipeline/schema.ts';
import type { WhenResolver } from '../../../shared/pipeline/when.ts';
import type { Store } from '../store/database.ts';
import { rerunModeLabel, stepsToRerun, type RerunMode } from './rerun-plan.ts';
import { engineAnswers, waitForEngine, type EngineOutagePolicy } from './engine-outage.ts';
import { ExternalRunWatcher } from './external-runs.ts';
import { RunExecutor } from './run-executor.ts';
import { newRunId } from './run-id.ts';
import { checkRunName, generateRunName } from '../../../shared/pipeline/run-name.ts';
import { PipelineParseCache } from './parse-cache.ts';
import { RunStore, type StoredRun } from './run-store.ts';
import { createGpuSlots, type GpuPoolSource, type GpuSlots } from './gpu-slots.ts';
import { PipelineScheduler } from './scheduler.ts';
import { SlotPool } from './slot-pool.ts';
import type { StepSucceededHook } from './step-succeeded.ts';
import type { StepTrackingHook } from '../run-tracking/step-tracking.ts';
import { RUN_LABEL } from './step-container.ts';

export interface PipelineServiceOptions {
  store: Store;
  docker: () => Promise<Docker>;
  home: string;
  /** Extra labels on every step container (tests: benchtop.test=1). */
  labels?: Record<string, string>;
  /** Extra bind mounts on every step container (tests: a folder the steps leave markers in). */
  binds?: string[];
  /** Registers a succeeded step's outputs.model / outputs.features in the catalog. */
  onStepSucceeded?: StepSucceededHook;
  /** Outside values for `when:` (monitors.NAME.FIELD → the monitor's latest result; see monitoring/). */
  whenResolver?: WhenResolver;
  /** MLflow tracking of every step attempt (run-tracking/step-tracking.ts); none: steps run untracked. */
  tracking?: StepTrackingHook;
  slots?: SlotPool;
  /** The GPUs steps may be given; asked once, when a step first wants one. */
  gpus?: GpuPoolSource;
  pid?: number;
  /** Engine outages: how long a run waits for the engine, how many outage re-runs a step gets (default 10 min, 3); a function is read at each run's start (settings). */
  outage?: EngineOutagePolicy | (() => EngineOutagePolicy);
  /** Whether a process id is alive; defaults to signal 0. */
  isAlive?: (pid: number) => boolean;
}

export interface StartRunRequest {
  text: string;
  file?: string | null;
  params?: Record<string, string>;
  useCache?: boolean;
  /** Create the run but leave it to another process (benchtop run --detach). */
  detached?: boolean;
  /** The run's name; else "<pipeline> <adjective>-<noun>", unique among the pipeline's runs. */
  name?: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs pipelines in this process and answers questions about every run in the store. */
export class PipelineService {
  readonly runs: RunStore;
  readonly #options: PipelineServiceOptions;
  readonly #slots: SlotPool;
  readonly #executors = new Map<string, RunExecutor>();
  readonly #listeners = new Set<(event: RunEvent) => void>();
  readonly #pid: number;
  #gpuSlots: Promise<GpuSlots | null> | null = null;
  readonly #external: ExternalRunWatcher;
  readonly #parseCache = new PipelineParseCache();
  /** Cron schedules of pipeline files; started by long-lived hosts and `benchtop scheduler`. */
  readonly scheduler: PipelineScheduler;

  constructor(options: PipelineServiceOptions) {
    this.#options = options;
    this.runs = new RunStore(options.store);
    this.#slots = options.slots ?? new SlotPool();
    this.#pid = options.pid ?? process.pid;
    this.scheduler = new PipelineScheduler({
      service: this,
      store: options.store,
      engine: { up: () => engineAnswers(options.docker), back: (signal) => waitForEngine(options.docker, 24 * 3_600_000, signal) },
    });
    this.#external = new ExternalRunWatcher(options.store, (event) => this.#broadcast(event));
  }

  /** Checks a pipeline file's text; problems carry line and column. */
  validate(text: string) {
    return this.#parseCache.parse(text);
  }

  /** Validates, resolves params, records the run and starts it here (unless detached). */
  startRun(request: StartRunRequest): { runId: string; done: Promise<RunState> | null } {
    const parsed = this.#parseCache.parse(request.text);
    if (!parsed.ok) {
      const file = request.file ?? 'pipeline';
      throw new ApiError('invalid_input', `${formatProblem(file, parsed.problems[0])}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more: run benchtop validate)` : ''}`, {
        problems: parsed.problems,
      });
    }
    return this.#start(parsed.spec, request);
  }

  #start(
    spec: PipelineSpec,
    request: StartRunRequest,
    rerun?: { of: string; mode: string; reused: ReadonlyMap<string, string> },
  ): { runId: string; done: Promise<RunState> | null } {
    const params = resolveParams(spec, request.params ?? {});
    if (!params.ok) throw new ApiError('invalid_input', params.problems.join(' '), { problems: params.problems });
    const runId = newRunId();
    const name = this.#newRunName(spec.metadata.name, request.name);
    this.runs.createRun({
      id: runId,
      name,
      spec,
      file: request.file ?? null,
      params: params.values,
      useCache: request.useCache ?? true,
      ownerPid: request.detached ? 0 : this.#pid,
      rerun: rerun && { of: rerun.of, mode: rerun.mode },
    });
    if (request.detached) return { runId, done: null };
    const stored = this.runs.loadRun(runId) as StoredRun;
    return { runId, done: this.#track(new RunExecutor(this.#deps(), stored), (executor) => executor.start(rerun?.reused)) };
  }

  /** A user-given name checked (and unique within the pipeline), else a generated one. */
  #newRunName(pipeline: string, given: string | undefined): string {
    if (given === undefined) return generateRunName(pipeline, this.runs.runNames(pipeline));
    const checked = checkRunName(given);
    if (!checked.ok) throw new ApiError('invalid_input', checked.problem);
    const holder = this.runs.runNamed(pipeline, checked.name);
    if (holder) throw new ApiError('conflict', `Run ${holder} of ${pipeline} is already named "${checked.name}": choose another name.`);
    return checked.name;
  }

  /** Renames a run (by id or unique id prefix); names are unique within a pipeline. */
  rename(runId: string, name: string): RunDetail {
    const id = this.#resolve(runId);
    const run = this.runs.loadRun(id) as StoredRun;
    const checked = checkRunName(name);
    if (!checked.ok) throw new ApiError('invalid_input', checked.problem);
    const holder = this.runs.runNamed(run.pipeline, checked.name);
    if (holder && holder !== id) throw new ApiError('conflict', `Run ${holder} of ${run.pipeline} is already named "${checked.name}": choose another name.`);
    this.runs.renameRun(id, checked.name);
    return this.get(id);
  }

  /**
   * A new run of the source run's pipeline (as it was then) and params. `all`: every step, unchanged
   * ones from the cache. `failed`: steps that succeeded (or were cached) are reused as they are;
   * the others and their downstream run again. `from`: that step and its downstream run again,
   * without the cache; the rest is reused. Each reused step records the run it came from.
   */
  retry(runId: string, mode: RerunMode = { kind: 'all' }): { runId: string; done: Promise<RunState> | null } {
    const id = this.#resolve(runId);
    const stored = this.runs.loadRun(id);
    if (!stored) throw new ApiError('not_found', `No run ${runId}: list runs with benchtop runs.`);
    const order = Object.keys(stored.spec.steps);
    if (mode.kind === 'from' && !order.includes(mode.step)) {
      throw new ApiError('invalid_input', `Run ${id} has no step "${mode.step}": its steps are ${order.join(', ')}.`);
    }
    if (mode.kind !== 'all' && stored.state === 'running') {
      throw new ApiError('conflict', `Run ${id} is still running: wait for it to end or cancel it (benchtop runs cancel ${id}), then re-run.`);
    }
    const depends = Object.fromEntries(order.map((step) => [step, stored.spec.steps[step].depends ?? []]));
    const source = this.runs.stepStates(id);
    let rerun = stepsToRerun(depends, source, mode);
    if (mode.kind === 'failed' && rerun.size === 0) {
      throw new ApiError('conflict', `Run ${id} has no failed steps: re-run it whole (benchtop runs retry ${id}) or from a step (--from STEP).`);
    }
    // A result whose artifacts are gone from disk cannot be reused: that step runs again, and so does its downstream.
    const gone = order.filter((step) => !rerun.has(step) && this.runs.stepResult(id, step).artifacts.some((a) => !existsSync(a.path)));
    if (gone.length > 0) rerun = stepsToRerun(depends, { ...source, ...Object.fromEntries(gone.map((step) => [step, 'lost' as const])) }, mode);
    const reused = new Map(order.filter((step) => !rerun.has(step)).map((step) => [step, id]));
    return this.#start(
      stored.spec,
      { text: '', file: stored.file, params: stored.params, useCache: mode.kind === 'from' ? false : stored.useCache || mode.kind === 'all' },
      { of: id, mode: rerunModeLabel(mode), reused },
    );
  }

  /** Params and metrics of several runs at once (the compare table). */
  compare(ids: readonly string[]): RunComparison[] {
    return this.runs.compareRuns(ids.map((id) => this.#resolve(id)));
  }

  /**
   * Takes over runs whose owning process is gone (kill -9, a crash, a detached start): adopts their
   * labelled containers and carries on. Returns the ids taken over and when each finishes.
   */
  async recover(only?: string): Promise<{ runId: string; done: Promise<RunState> }[]> {
    const alive = this.#options.isAlive ?? processAlive;
    const taken: { runId: string; done: Promise<RunState> }[] = [];
    for (const run of this.runs.runningRuns()) {
      if (only && run.id !== only) continue;
      if (this.#executors.has(run.id)) continue;
      if (run.ownerPid !== null && run.ownerPid !== 0 && run.ownerPid !== this.#pid && alive(run.ownerPid)) continue;
      if (!this.runs.claimRun(run.id, run.ownerPid, this.#pid)) continue;
      const executor = new RunExecutor(this.#deps(), { ...run, ownerPid: this.#pid });
      taken.push({ runId: run.id, done: this.#track(executor, (e) => e.adopt()) });
    }
    return taken;
  }

  isRunningHere(runId: string): boolean {
    return this.#executors.has(runId);
  }

  list(limit?: number, filter?: RunFilter): RunSummary[] {
    return this.runs.listRuns(limit, filter);
  }

  get(idOrPrefix: string): RunDetail {
    const run = this.runs.getRun(this.#resolve(idOrPrefix));
    if (!run) throw new ApiError('not_found', `No run ${idOrPrefix}: list runs with benchtop runs.`);
    return run;
  }

  /** Cancels here, or asks the owning process; a run nobody owns is stopped directly. */
  async cancel(idOrPrefix: string): Promise<RunDetail> {
    const id = this.#resolve(idOrPrefix);
    const run = this.runs.loadRun(id);
    if (!run) throw new ApiError('not_found', `No run ${idOrPrefix}: list runs with benchtop runs.`);
    if (run.state !== 'running') throw new ApiError('conflict', `Run ${id} already ended (${run.state}); nothing to cancel.`);
    const local = this.#executors.get(id);
    if (local) {
      local.cancel();
      await local.done;
      return this.get(id);
    }
    this.runs.requestCancel(id, 'cancelled by the user');
    const docker = await this.#options.docker();
    const containers = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${id}`] } });
    await Promise.all(containers.map((c) => docker.getContainer(c.Id).kill().catch(() => undefined)));
    const alive = this.#options.isAlive ?? processAlive;
    if (run.ownerPid === null || run.ownerPid === 0 || !alive(run.ownerPid)) {
      for (const [step, state] of Object.entries(this.runs.stepStates(id))) {
        if (!['succeeded', 'failed', 'errored', 'skipped', 'upstream_failed', 'cached', 'cancelled', 'lost'].includes(state)) {
          this.runs.setStepState(id, step, 'cancelled', 'cancelled by the user', { finished: true });
        }
      }
      this.runs.finishRun(id, 'cancelled', 'cancelled by the user');
    }
    return this.get(id);
  }

  subscribe(listener: (event: RunEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Every run's changes: this process's runs, plus those other processes (the CLI, `benchtop
   * scheduler`) write to the store, noticed through the database file while someone listens.
   */
  subscribeAll(listener: (event: RunEvent) => void): () => void {
    const stop = this.subscribe(listener);
    const release = this.#external.retain();
    return () => {
      stop();
      release();
    };
  }

  /** Looks for changes other processes made now (tests; the file watcher does it after each write). */
  checkOtherProcesses(): void {
    this.#external.check();
  }

  #broadcast(event: RunEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop a run.
      }
    }
  }

  resolveRunId(idOrPrefix: string): string {
    return this.#resolve(idOrPrefix);
  }

  #resolve(idOrPrefix: string): string {
    const id = this.runs.resolveId(idOrPrefix);
    if (!id) throw new ApiError('not_found', `No run matches "${idOrPrefix}" (or several do): list runs with benchtop runs.`);
    return id;
  }

  #deps() {
    return {
      docker: this.#options.docker,
      runs: this.runs,
      home: this.#options.home,
      slots: this.#slots,
      labels: this.#options.labels,
      onStepSucceeded: this.#options.onStepSucceeded,
      whenResolver: this.#options.whenResolver,
      tracking: this.#options.tracking,
      outage: typeof this.#options.outage === 'function' ? this.#options.outage() : this.#options.outage,
      binds: this.#options.binds,
      gpus: () => this.#loadGpuSlots(),
      emit: (event: RunEvent) => {
        this.#external.note(event);
        this.#broadcast(event);
      },
    };
  }

  /** One allocator for the whole process, so that two runs never get the same GPU. */
  #loadGpuSlots(): Promise<GpuSlots | null> {
    const source = this.#options.gpus;
    if (!source) return Promise.resolve(null);
    this.#gpuSlots ??= source()
      .then(({ deviceIds, readiness }) => (deviceIds.length > 0 ? createGpuSlots(deviceIds, readiness) : null))
      .catch(() => null);
    return this.#gpuSlots;
  }

  #track(executor: RunExecutor, begin: (executor: RunExecutor) => Promise<RunState>): Promise<RunState> {
    this.#executors.set(executor.runId, executor);
    return begin(executor).finally(() => this.#executors.delete(executor.runId));
  }
}
