import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { leavesOf } from '../../../shared/pipeline/dag.ts';
import { findPlaceholders, substitute, type PlaceholderValues } from '../../../shared/pipeline/placeholders.ts';
import { FINAL_STEP_STATES, SUCCESS_STEP_STATES, type RunEvent, type RunState, type StepState } from '../../../shared/pipeline/run-model.ts';
import { ARTIFACT_REF, type CacheSpec, type StepSpec } from '../../../shared/pipeline/schema.ts';
import { durationMs, quantityBytes } from '../../../shared/pipeline/units.ts';
import { evaluateWhen, type WhenResolver } from '../../../shared/pipeline/when.ts';
import { cacheKey, differingFields, type CacheFields } from './cache-key.ts';
import { DISK_FULL_BYTES, diskFullReason, freeBytes, isNoSpaceError, removePartial } from './disk-full.ts';
import { DEFAULT_ENGINE_OUTAGE_POLICY, ENGINE_LOST_PREFIX, engineAnswers, engineWentAway, isEngineGoneError, outageDuration, waitForEngine, type EngineOutagePolicy } from './engine-outage.ts';
import { backoffMs, shouldRetry } from './retry-policy.ts';
import { attemptDir, attemptLogPath } from './run-paths.ts';
import type { RunStore, StepResult, StoredRun } from './run-store.ts';
import { MissingImageError, MissingImagePuller, writePullFailureLog } from './pull-missing-image.ts';
import { pullImage } from '../images/pull.ts';
import { toDeviceRequests } from '../gpu/device-requests.ts';
import type { GpuSlots } from './gpu-slots.ts';
import type { SlotPool, SlotRequest } from './slot-pool.ts';
import { ATTEMPT_LABEL, createAttemptContainer, followAttempt, removeUnstarted, RUN_LABEL, STEP_LABEL, type AttemptOutcome, type AttemptPlan } from './step-container.ts';
import type { StepSucceededHook } from './step-succeeded.ts';
import type { StepTrackingHook, TrackedAttempt } from '../run-tracking/step-tracking.ts';
import { digestTree } from './tree-digest.ts';
import { decideTrigger } from './trigger-rules.ts';

export interface ExecutorDeps {
  docker: () => Promise<Docker>;
  runs: RunStore;
  home: string;
  slots: SlotPool;
  emit: (event: RunEvent) => void;
  /** Extra labels on every step container (tests add benchtop.test=1). */
  labels?: Record<string, string>;
  /** Extra bind mounts on every step container (tests: a folder the steps leave markers in). */
  binds?: string[];
  /** The GPUs steps may hold (null: none found); asked only when a step wants one. */
  gpus?: () => Promise<GpuSlots | null>;
  /** The catalog's registration of outputs.model / outputs.features (see step-succeeded.ts). */
  onStepSucceeded?: StepSucceededHook;
  /** Outside values `when:` may read as bare words (monitors.NAME.FIELD: a monitor's latest result). */
  whenResolver?: WhenResolver;
  /** MLflow tracking of each attempt: a pre-created run, MLFLOW_* env, system metrics (see run-tracking/). */
  tracking?: StepTrackingHook;
  /** How long to wait for an engine that went away, and how many outage re-runs a step gets (see engine-outage.ts). */
  outage?: EngineOutagePolicy;
}

const FAILED = new Set<StepState>(['failed', 'errored', 'lost', 'upstream_failed', 'cancelled']);
/** At most this many containers created ahead at once (and never more than the run's parallelism). */
const AHEAD_LIMIT = 4;
/** How long a finished run waits for its containers' removals before it calls itself done anyway. */
const CLEANUP_WAIT_MS = 30_000;
const now = () => new Date().toISOString();

class StepError extends Error {}

/**
 * Drives one run: decides each step once everything it depends on is final (trigger rule, then
 * `when`, then the cache), starts it when the run's parallelism and the machine's slots allow,
 * retries by policy with backoff, and finishes the run. Every change goes to the store first, then
 * to listeners. State changes come from container waits and timers, never from polling.
 */
export class RunExecutor {
  readonly #deps: ExecutorDeps;
  readonly #run: StoredRun;
  readonly #order: string[];
  readonly #states = new Map<string, StepState>();
  readonly #attempts = new Map<string, number>();
  readonly #results = new Map<string, StepResult>();
  readonly #active = new Map<string, { controller: AbortController; slot: SlotRequest; gpuIds: string[] }>();
  #gpus: GpuSlots | null = null;
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #imageDigests = new Map<string, Promise<string>>();
  /** A step's image not on this machine is pulled when the engine says so (pull-missing-image.ts). */
  readonly #pulls = new MissingImagePuller(async (image, onProgress, signal) => pullImage(await this.#deps.docker(), image, onProgress, signal));
  #cancelReason: string | null = null;
  #failFastBy: string | null = null;
  #timedOut = false;
  #finished = false;
  #runTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while the engine is away: nothing new starts until it answers again. */
  #outage: Outage | null = null;
  /** Steps whose running attempt an outage took (step → attempt): re-adopted or re-run when the engine is back. */
  readonly #lost = new Map<string, number>();
  /** Re-runs each step had because of outages: they do not count against its retry budget. */
  readonly #outageReruns = new Map<string, number>();
  /** The engine did not come back in time: why the run failed. */
  #outageFailure: string | null = null;
  /** The first "disk full: FOLDER has no space left" an attempt met: the run's message names the folder too. */
  #diskFull: string | null = null;
  /** Containers created ahead of their step's start (see #createAhead): step → the creation, in flight or done. */
  readonly #ahead = new Map<string, Promise<Ahead | null>>();
  /** Active steps whose container's start has returned: what a dependent's container may be created beside (#createAhead). */
  readonly #containerStarted = new Set<string>();
  /** Removals under way (exited containers, unused ones created ahead): awaited before the run is done. */
  readonly #cleanups = new Set<Promise<void>>();
  #stopListening: () => void = () => undefined;
  #resolve: (state: RunState) => void = () => undefined;
  readonly done: Promise<RunState>;

  constructor(deps: ExecutorDeps, run: StoredRun) {
    this.#deps = deps;
    this.#run = run;
    this.#order = Object.keys(run.spec.steps);
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  get runId(): string {
    return this.#run.id;
  }

  /** Starts a fresh run; `reused` (step → source run id) are taken as they ended there, without a container (a re-run). */
  start(reused: ReadonlyMap<string, string> = new Map()): Promise<RunState> {
    for (const step of this.#order) this.#states.set(step, 'pending');
    for (const [step, fromRun] of reused) this.#reuse(step, fromRun);
    void this.#loadGpus().then(() => this.#begin());
    return this.done;
  }

  #reuse(step: string, fromRun: string): void {
    const result = this.#deps.runs.stepResult(fromRun, step);
    this.#deps.runs.saveStepResult(this.#run.id, step, result);
    this.#deps.runs.markReused(this.#run.id, step, fromRun);
    this.#results.set(step, result);
    this.#setState(step, 'cached', `reused from run ${fromRun}`, { started: true, finished: true });
  }

  async #loadGpus(): Promise<void> {
    const wanted = this.#order.some((step) => (this.#step(step).resources?.gpu ?? this.#run.spec.defaults?.resources?.gpu ?? 0) > 0);
    if (wanted && this.#deps.gpus) this.#gpus = await this.#deps.gpus().catch(() => null);
  }

  /**
   * Continues a run whose process died: final steps keep their results, running attempts are
   * re-adopted from their labelled containers (followed to the end), vanished ones become `lost`
   * and are retried by policy.
   */
  async adopt(): Promise<RunState> {
    const stored = this.#deps.runs.stepStates(this.#run.id);
    const docker = await this.#deps.docker();
    const containers = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${this.#run.id}`] } });
    const adopted: [string, number, string, boolean][] = [];
    for (const step of this.#order) {
      const state = stored[step] ?? 'pending';
      const attempts = this.#deps.runs.attempts(this.#run.id, step);
      const last = attempts.at(-1);
      this.#attempts.set(step, last?.attempt ?? 0);
      const outageLost = attempts.filter((a) => a.state === 'lost' && a.reason?.startsWith(ENGINE_LOST_PREFIX)).length;
      if (outageLost > 0) this.#outageReruns.set(step, outageLost);
      if (FINAL_STEP_STATES.has(state)) {
        this.#states.set(step, state);
        if (SUCCESS_STEP_STATES.has(state)) this.#results.set(step, this.#deps.runs.stepResult(this.#run.id, step));
      } else if (state === 'running' && last) {
        const container = containers.find((c) => c.Labels[STEP_LABEL] === step && c.Labels[ATTEMPT_LABEL] === String(last.attempt));
        if (container) {
          this.#states.set(step, 'running');
          adopted.push([step, last.attempt, container.Id, container.State === 'created']);
        } else {
          this.#states.set(step, 'running');
          await this.#deps.tracking?.resume({ runId: this.#run.id, pipeline: this.#run.pipeline, step, attempt: last.attempt })?.end('lost');
          this.#afterAttempt(step, last.attempt, { state: 'errored', exitCode: null, oomKilled: false, reason: 'lost: its container vanished while Benchtop was not running', outputs: {}, metrics: {} }, true);
        }
      } else {
        this.#states.set(step, state === 'running' || state === 'retrying' ? 'waiting' : state);
      }
    }
    // Containers created ahead for steps that had not started yet: the steps will create them anew.
    const followed = new Set(adopted.map(([, , containerId]) => containerId));
    for (const c of containers) if (c.State === 'created' && !followed.has(c.Id)) await removeUnstarted(docker, c.Id);
    await this.#loadGpus();
    for (const [step, attempt, containerId, needsStart] of adopted) void this.#follow(step, attempt, containerId, needsStart, this.#slotRequest(step));
    this.#begin();
    return this.done;
  }

  cancel(reason = 'cancelled by the user'): void {
    if (this.#finished || this.#cancelReason) return;
    this.#cancelReason = reason;
    for (const { controller } of this.#active.values()) controller.abort();
    this.#pulls.cancel();
    if (this.#outage) {
      this.#outage.controller.abort();
      this.#outage = null;
      this.#deps.runs.setRunMessage(this.#run.id, null);
      for (const step of this.#lost.keys()) this.#setState(step, 'cancelled', reason, { finished: true });
      this.#lost.clear();
    }
    for (const [step, timer] of this.#retryTimers) {
      clearTimeout(timer);
      this.#retryTimers.delete(step);
      this.#setState(step, 'cancelled', reason, { finished: true });
    }
    this.#pump();
  }

  /** A cancel asked for by another process (benchtop runs cancel) lands in the store. */
  #noticeCancelRequest(): void {
    if (this.#cancelReason) return;
    const reason = this.#deps.runs.cancelRequest(this.#run.id);
    if (reason) this.cancel(reason);
  }

  #begin(): void {
    this.#stopListening = this.#deps.slots.onRelease(() => this.#pump());
    if (this.#run.spec.timeout) {
      const ms = durationMs(this.#run.spec.timeout);
      this.#runTimer = setTimeout(() => {
        this.#timedOut = true;
        this.cancel(`the run timed out after ${this.#run.spec.timeout}: steps still running were stopped`);
      }, ms);
    }
    this.#pump();
  }

  #step(name: string): StepSpec {
    return this.#run.spec.steps[name];
  }

  #setState(step: string, state: StepState, message: string | null, times: { started?: boolean; finished?: boolean } = {}): void {
    this.#states.set(step, state);
    if (FINAL_STEP_STATES.has(state) && this.#ahead.has(step)) this.#discardAhead(step, true);
    this.#deps.runs.setStepState(this.#run.id, step, state, message, times);
    this.#deps.emit({ type: 'step', runId: this.#run.id, step, state, attempt: this.#attempts.get(step) ?? 0, message, at: now() });
  }

  /** Decides what can be decided and starts what may start. Synchronous: no interleaving. */
  #pump(): void {
    if (this.#finished) return;
    const stopping = this.#stopReason();
    for (const step of this.#order) {
      const state = this.#states.get(step);
      if (state === 'pending' || (state === 'waiting' && stopping)) {
        if (stopping) {
          this.#setState(step, 'cancelled', stopping, { finished: true });
          continue;
        }
        const upstream = (this.#step(step).depends ?? []).map((d) => this.#states.get(d) ?? 'pending');
        if (!upstream.every((s) => FINAL_STEP_STATES.has(s))) continue;
        this.#decide(step, upstream);
      }
    }
    const parallelism = this.#run.spec.parallelism ?? Number.POSITIVE_INFINITY;
    // While the engine is away nothing new starts: it would only be lost too.
    for (const step of this.#outage ? [] : this.#order) {
      if (this.#states.get(step) !== 'waiting' || this.#active.has(step)) continue;
      if (this.#active.size >= parallelism) break;
      const gpuCount = this.#gpuCount(step);
      if (gpuCount > 0) {
        const problem = !this.#gpus ? 'Benchtop found no GPU it can hand to a container on this machine' : gpuCount > this.#gpus.size ? `this machine has ${this.#gpus.size}` : null;
        if (problem) {
          this.#setState(step, 'errored', `Step "${step}" asks for ${gpuCount} GPU(s) but ${problem}: lower resources.gpu.`, { finished: true });
          // Its dependents are decided on the next pass.
          queueMicrotask(() => this.#pump());
          continue;
        }
        if ((this.#gpus as GpuSlots).allocator.free().length < gpuCount) continue;
      }
      const slot = this.#slotRequest(step);
      if (!this.#deps.slots.tryAcquire(slot)) continue;
      const gpuIds = gpuCount > 0 ? (this.#gpus as GpuSlots).allocator.allocate(gpuCount) : [];
      this.#active.set(step, { controller: new AbortController(), slot, gpuIds });
      void this.#launch(step, slot, gpuIds);
    }
    if (!stopping && !this.#outage) this.#createAhead();
    const allFinal = this.#order.every((step) => FINAL_STEP_STATES.has(this.#states.get(step) ?? 'pending'));
    if (allFinal && this.#active.size === 0 && this.#retryTimers.size === 0 && !this.#outage) this.#finish();
  }

  #decide(step: string, upstream: StepState[]): void {
    const spec = this.#step(step);
    const decision = decideTrigger(spec.trigger, upstream);
    if (decision === 'upstream_failed') {
      const failed = (spec.depends ?? []).filter((d) => FAILED.has(this.#states.get(d) ?? 'pending'));
      this.#setState(step, 'upstream_failed', `not run: ${failed.join(', ')} did not succeed (trigger ${spec.trigger})`, { finished: true });
      return;
    }
    if (decision === 'skipped') {
      this.#setState(step, 'skipped', 'not run: the steps it depends on were skipped', { finished: true });
      return;
    }
    if (spec.when) {
      try {
        if (!evaluateWhen(substitute(spec.when, this.#placeholderValues()), this.#deps.whenResolver)) {
          this.#setState(step, 'skipped', `skipped: when "${spec.when}" is false`, { finished: true });
          return;
        }
      } catch (error) {
        this.#setState(step, 'errored', `when "${spec.when}" could not be evaluated: ${(error as Error).message}`, { finished: true });
        return;
      }
    }
    this.#setState(step, 'waiting', null);
  }

  /**
   * Creates the containers of the next steps while the current ones run, so that a step about to
   * start only has to start (create costs 0.1–0.2 s on a busy engine, start about 1 s). Candidates:
   * a step ready but waiting for a slot, or a pending all_success step whose every upstream has
   * succeeded or has its container started (a create beside the engine's start of the upstream
   * slowed that start by ~50 ms of ~250 here, more than the create saved). Only steps whose
   * container cannot depend on what runs before them: no `when`, no input artifacts, no upstream
   * output placeholders, no GPU (allocated at start), and no tracking (its MLflow run is made at
   * start). A cache hit, a changed plan, a retry or a step
   * that ends without running removes the container (#discardAhead): none is left behind.
   */
  #createAhead(): void {
    if (this.#deps.tracking) return;
    const limit = Math.min(this.#run.spec.parallelism ?? Number.POSITIVE_INFINITY, AHEAD_LIMIT);
    // A step that has started holds its entry only until it takes its container: not counted.
    let waiting = [...this.#ahead.keys()].filter((step) => !this.#active.has(step)).length;
    for (const step of this.#order) {
      if (waiting >= limit) return;
      if (this.#ahead.has(step) || this.#active.has(step) || !this.#aboutToRun(step)) continue;
      this.#ahead.set(step, this.#createAheadOf(step, (this.#attempts.get(step) ?? 0) + 1));
      waiting++;
    }
  }

  #aboutToRun(step: string): boolean {
    const spec = this.#step(step);
    if (spec.when || this.#gpuCount(step) > 0 || Object.keys(spec.inputs?.artifacts ?? {}).length > 0) return false;
    const texts = [spec.image, ...spec.command, ...(spec.args ?? []), ...Object.values({ ...this.#run.spec.defaults?.env, ...spec.env }).map(String)];
    if (texts.some((text) => findPlaceholders(text).some((p) => p.kind !== 'param'))) return false;
    const state = this.#states.get(step);
    if (state === 'waiting') return true;
    if (state !== 'pending' || (spec.trigger ?? 'all_success') !== 'all_success') return false;
    return (spec.depends ?? []).every((d) => this.#containerStarted.has(d) || ['succeeded', 'cached'].includes(this.#states.get(d) ?? 'pending'));
  }

  async #createAheadOf(step: string, attempt: number): Promise<Ahead | null> {
    try {
      if (this.#deps.slots.impossible(this.#slotRequest(step))) return null;
      const docker = await this.#deps.docker();
      const plan = await this.#plan(docker, step, attempt, [], false);
      // A step its cache will answer needs no container.
      if (plan.cache.key && this.#deps.runs.cacheEntry(plan.cache.key)) return null;
      await mkdir(join(attemptDir(this.#deps.home, this.#run.id, step, attempt), 'artifacts'), { recursive: true });
      for (const dir of plan.outputDirs) await mkdir(dir, { recursive: true });
      const containerId = await createAttemptContainer(docker, plan.attempt);
      return { attempt, signature: JSON.stringify(plan.attempt), containerId };
    } catch {
      // Nothing is lost: the step creates its container when it starts, and meets the error then.
      return null;
    }
  }

  /** The step's container: the one created ahead when it was made from exactly this plan, else a new one. */
  async #containerFor(docker: Docker, step: string, plan: AttemptPlan): Promise<string> {
    const ahead = this.#ahead.get(step);
    this.#ahead.delete(step);
    const made = ahead ? await ahead : null;
    if (made && made.attempt === plan.attempt && made.signature === JSON.stringify(plan)) return made.containerId;
    if (made) await removeUnstarted(docker, made.containerId);
    return createAttemptContainer(docker, plan);
  }

  /** Removes the container created ahead for a step that will not use it (and its empty attempt folder when the attempt never began). */
  #discardAhead(step: string, attemptNeverBegan: boolean): void {
    const ahead = this.#ahead.get(step);
    if (!ahead) return;
    this.#ahead.delete(step);
    this.#later(
      ahead.then(async (made) => {
        if (!made) return;
        await removeUnstarted(await this.#deps.docker(), made.containerId);
        if (attemptNeverBegan) await rm(attemptDir(this.#deps.home, this.#run.id, step, made.attempt), { recursive: true, force: true });
      }),
    );
  }

  /** Work the run waits for before it is done (a container's removal): not on any step's way. */
  #later(work: Promise<void>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.#cleanups.add(settled);
    void settled.then(() => this.#cleanups.delete(settled));
  }

  #gpuCount(step: string): number {
    return this.#step(step).resources?.gpu ?? this.#run.spec.defaults?.resources?.gpu ?? 0;
  }

  #slotRequest(step: string): SlotRequest {
    const resources = { ...this.#run.spec.defaults?.resources, ...this.#step(step).resources };
    return { cpu: resources.cpu ?? 0, memoryBytes: resources.memory === undefined ? 0 : quantityBytes(resources.memory) };
  }

  #placeholderValues(): PlaceholderValues {
    const outputs: Record<string, Record<string, string>> = {};
    for (const step of this.#order) {
      const declared = this.#step(step).outputs?.params ?? {};
      const defaults = Object.fromEntries(Object.entries(declared).flatMap(([name, p]) => (p.default === undefined ? [] : [[name, p.default]])));
      outputs[step] = { ...defaults, ...this.#results.get(step)?.outputs };
    }
    return { params: this.#run.params, outputs };
  }

  async #launch(step: string, slot: SlotRequest, gpuIds: string[]): Promise<void> {
    const active = this.#active.get(step);
    if (!active) return;
    const attempt = (this.#attempts.get(step) ?? 0) + 1;
    let tracked: TrackedAttempt | null = null;
    try {
      const impossible = this.#deps.slots.impossible(slot);
      if (impossible) throw new StepError(`Step "${step}" ${impossible}.`);
      const docker = await this.#deps.docker();
      const plan = await this.#plan(docker, step, attempt, gpuIds);
      if (active.controller.signal.aborted) throw new StepError('cancelled');
      if (await this.#tryCache(step, plan.cache)) {
        this.#discardAhead(step, true);
        this.#release(step);
        return;
      }
      this.#attempts.set(step, attempt);
      await mkdir(join(attemptDir(this.#deps.home, this.#run.id, step, attempt), 'artifacts'), { recursive: true });
      for (const dir of plan.outputDirs) await mkdir(dir, { recursive: true });
      this.#deps.runs.startAttempt(this.#run.id, step, attempt, plan.attempt.logPath);
      this.#setState(step, 'running', attempt > 1 ? `attempt ${attempt}` : null, { started: true });
      tracked = (await this.#deps.tracking?.begin({ runId: this.#run.id, runName: this.#run.name, pipeline: this.#run.pipeline, step, attempt })) ?? null;
      if (tracked) withTracking(plan.attempt, tracked);
      const containerId = await this.#containerFor(docker, step, plan.attempt);
      this.#deps.runs.setAttemptContainer(this.#run.id, step, attempt, containerId);
      const started = tracked;
      const outcome = await followAttempt(
        docker,
        containerId,
        plan.attempt,
        active.controller.signal,
        true,
        () => {
          started?.containerStarted(docker, containerId, gpuIds);
          this.#startedContainer(step);
        },
        (removal) => this.#later(removal),
      );
      const current = tracked;
      tracked = null;
      await this.#afterAttemptWithOutputs(step, attempt, outcome, plan, current);
    } catch (error) {
      const reason = isNoSpaceError(error) ? diskFullReason(attemptDir(this.#deps.home, this.#run.id, step, attempt), await freeBytes(this.#deps.home)) : error instanceof Error ? error.message : String(error);
      this.#attempts.set(step, attempt);
      if (this.#deps.runs.attempts(this.#run.id, step).every((a) => a.attempt !== attempt)) {
        this.#deps.runs.startAttempt(this.#run.id, step, attempt, attemptLogPath(this.#deps.home, this.#run.id, step, attempt));
      }
      const cancelled = active.controller.signal.aborted;
      if (!cancelled && !(error instanceof StepError && error.message === 'cancelled') && (isEngineGoneError(error) || !(await engineAnswers(this.#deps.docker)))) {
        await tracked?.end('lost');
        this.#lostToEngine(step, attempt, reason);
        return;
      }
      await tracked?.end(cancelled ? 'cancelled' : 'errored');
      this.#afterAttempt(step, attempt, { state: cancelled ? 'cancelled' : 'errored', exitCode: null, oomKilled: false, reason: cancelled ? 'cancelled' : reason, outputs: {}, metrics: {} }, false);
    } finally {
      // Failed before its container was taken: the one created ahead goes (the attempt's folder stays, it has the attempt's record).
      this.#discardAhead(step, false);
      this.#release(step);
    }
  }

  /** Follows an adopted container to its end. */
  async #follow(step: string, attempt: number, containerId: string, needsStart: boolean, slot: SlotRequest): Promise<void> {
    const controller = new AbortController();
    this.#deps.slots.tryAcquire(slot);
    // An adopted container keeps the GPUs it was given; they are not tracked again here.
    this.#active.set(step, { controller, slot, gpuIds: [] });
    let tracked: TrackedAttempt | null = null;
    try {
      const docker = await this.#deps.docker();
      const plan = await this.#plan(docker, step, attempt, []);
      tracked = this.#deps.tracking?.resume({ runId: this.#run.id, pipeline: this.#run.pipeline, step, attempt }) ?? null;
      const started = tracked;
      const outcome = await followAttempt(
        docker,
        containerId,
        plan.attempt,
        controller.signal,
        needsStart,
        () => started?.containerStarted(docker, containerId, []),
        (removal) => this.#later(removal),
      );
      const current = tracked;
      tracked = null;
      await this.#afterAttemptWithOutputs(step, attempt, outcome, plan, current);
    } catch (error) {
      if (!controller.signal.aborted && (isEngineGoneError(error) || !(await engineAnswers(this.#deps.docker)))) {
        await tracked?.end('lost');
        this.#lostToEngine(step, attempt, (error as Error).message);
      } else {
        await tracked?.end('errored');
        this.#afterAttempt(step, attempt, { state: 'errored', exitCode: null, oomKilled: false, reason: (error as Error).message, outputs: {}, metrics: {} }, false);
      }
    } finally {
      this.#release(step);
    }
  }

  /** Why nothing more starts (cancel, the engine not back in time, failFast), or null while the run goes on. */
  #stopReason(): string | null {
    return (
      this.#cancelReason ??
      (this.#outageFailure ? `not started: ${this.#outageFailure}` : null) ??
      (this.#failFastBy ? `not started: failFast stopped the run after "${this.#failFastBy}" failed` : null)
    );
  }

  /** A create beside an engine's start slowed that start by about a fifth here: dependents' containers are made once it returned. */
  #startedContainer(step: string): void {
    this.#containerStarted.add(step);
    if (!this.#finished && !this.#outage && this.#stopReason() === null) this.#createAhead();
  }

  #release(step: string): void {
    const active = this.#active.get(step);
    if (!active) return;
    this.#active.delete(step);
    this.#containerStarted.delete(step);
    if (active.gpuIds.length > 0) this.#gpus?.allocator.release(active.gpuIds);
    this.#deps.slots.release(active.slot);
    this.#pump();
  }

  /** Records the attempt; its MLflow run (if tracked) ends first, with the same outcome, so it is final once the step is. */
  async #afterAttemptWithOutputs(step: string, attempt: number, outcome: AttemptOutcome, plan: Plan, tracked: TrackedAttempt | null = null): Promise<void> {
    // A full disk under the step's folder: whatever the step made of it (a write error, a truncated
    // file it did not notice), the attempt failed for that reason and its half-written artifacts go.
    if (outcome.state !== 'cancelled') {
      const folder = attemptDir(this.#deps.home, this.#run.id, step, attempt);
      const free = await freeBytes(folder);
      if ((free !== null && free < DISK_FULL_BYTES) || (outcome.state === 'errored' && isNoSpaceError(outcome.reason))) {
        await removePartial(plan.outputDirs);
        await tracked?.end('failed');
        this.#afterAttempt(step, attempt, { ...outcome, state: 'failed', reason: diskFullReason(folder, free), outputs: {}, metrics: {} }, false);
        return;
      }
    }
    if (outcome.state !== 'succeeded') {
      if (await this.#engineTook(outcome)) {
        await tracked?.end('lost');
        this.#lostToEngine(step, attempt, outcome.reason ?? 'the engine went away');
      } else {
        await tracked?.end(outcome.state);
        this.#afterAttempt(step, attempt, outcome, false);
      }
      return;
    }
    const artifacts = [];
    for (const [name, dir] of Object.entries(plan.artifactDirs)) artifacts.push({ name, path: dir, ...(await digestTree(dir)) });
    const result: StepResult = { outputs: outcome.outputs, metrics: outcome.metrics, artifacts };
    try {
      await this.#deps.onStepSucceeded?.({ runId: this.#run.id, pipeline: this.#run.pipeline, step, attempt, spec: this.#run.spec, params: this.#run.params, imageDigest: plan.cache.fields.imageDigest, result, upstream: new Map(this.#results) });
    } catch (error) {
      await tracked?.end('failed', outcome.metrics);
      this.#afterAttempt(step, attempt, { ...outcome, state: 'failed', reason: error instanceof Error ? error.message : String(error) }, false);
      return;
    }
    await tracked?.end('succeeded', outcome.metrics);
    this.#deps.runs.saveStepResult(this.#run.id, step, result);
    this.#results.set(step, result);
    if (plan.cache.key) this.#deps.runs.recordCacheEntry(plan.cache.key, this.#run.pipeline, step, this.#run.id);
    this.#afterAttempt(step, attempt, outcome, false);
  }

  /** Records how an attempt ended and decides: done, retry after backoff, or final failure. */
  #afterAttempt(step: string, attempt: number, outcome: AttemptOutcome, lost: boolean): void {
    this.#noticeCancelRequest();
    const attemptState: StepState = lost ? 'lost' : outcome.state;
    if (outcome.state !== 'succeeded' && outcome.reason?.startsWith('disk full:')) this.#diskFull ??= outcome.reason;
    this.#deps.runs.finishAttempt(this.#run.id, step, attempt, { state: attemptState, exitCode: outcome.exitCode, oomKilled: outcome.oomKilled, reason: outcome.reason });
    if (outcome.state === 'succeeded') {
      this.#setState(step, 'succeeded', null, { finished: true });
      return;
    }
    if (outcome.state === 'cancelled' || this.#cancelReason) {
      this.#setState(step, 'cancelled', this.#cancelReason ?? outcome.reason, { finished: true });
      return;
    }
    const end = lost ? 'lost' : outcome.state;
    const retry = this.#step(step).retry ?? this.#run.spec.defaults?.retry;
    // Attempts re-run because of engine outages are not charged to the retry budget.
    const charged = attempt - (this.#outageReruns.get(step) ?? 0);
    if (!this.#failFastBy && shouldRetry(retry, charged, end)) {
      const wait = backoffMs(retry, charged);
      this.#setState(step, 'retrying', `attempt ${attempt} ${end}: ${outcome.reason ?? ''}; retrying in ${(wait / 1000).toFixed(1)}s`);
      this.#retryTimers.set(
        step,
        setTimeout(() => {
          this.#retryTimers.delete(step);
          this.#noticeCancelRequest();
          if (this.#cancelReason) this.#setState(step, 'cancelled', this.#cancelReason, { finished: true });
          else this.#setState(step, 'waiting', null);
          this.#pump();
        }, wait),
      );
      return;
    }
    this.#setState(step, end, outcome.reason, { finished: true });
    if (this.#run.spec.failFast && !this.#failFastBy) this.#failFastBy = step;
  }

  /** Whether a failed or errored attempt was the engine's doing: it is gone now, or a SIGKILL nobody asked for came with its shutdown. */
  async #engineTook(outcome: AttemptOutcome): Promise<boolean> {
    if (outcome.state === 'cancelled' || this.#cancelReason) return false;
    if (outcome.state === 'errored') return outcome.engineGone === true || !(await engineAnswers(this.#deps.docker));
    if (outcome.unexplainedKill) return engineWentAway(this.#deps.docker, this.#policy.shutdownGraceMs);
    return false;
  }

  get #policy(): EngineOutagePolicy {
    return this.#deps.outage ?? DEFAULT_ENGINE_OUTAGE_POLICY;
  }

  /** The attempt is `lost` (not failed): the step waits for the engine and is re-adopted or re-run when it is back. */
  #lostToEngine(step: string, attempt: number, reason: string): void {
    this.#noticeCancelRequest();
    this.#deps.runs.finishAttempt(this.#run.id, step, attempt, { state: 'lost', exitCode: null, oomKilled: false, reason: `${ENGINE_LOST_PREFIX} ${reason}` });
    if (this.#cancelReason) {
      this.#setState(step, 'cancelled', this.#cancelReason, { finished: true });
      return;
    }
    if (this.#outageFailure) {
      this.#setState(step, 'lost', this.#outageFailure, { finished: true });
      return;
    }
    this.#lost.set(step, attempt);
    this.#setState(step, 'retrying', `attempt ${attempt} lost: the engine went away (${reason}); waiting for the engine`);
    this.#enterOutage(reason);
  }

  #enterOutage(reason: string, since = Date.now()): void {
    if (this.#outage) return;
    const outage = { since, reason, controller: new AbortController() };
    this.#outage = outage;
    const message = `waiting for the engine since ${new Date(since).toISOString().slice(11, 19)} (${reason}); nothing new starts until it answers`;
    this.#deps.runs.setRunMessage(this.#run.id, message);
    this.#deps.emit({ type: 'run', runId: this.#run.id, state: 'running', message, at: now() });
    const left = Math.max(0, since + this.#policy.waitMs - Date.now());
    void waitForEngine(this.#deps.docker, left, outage.controller.signal).then((back) => {
      if (this.#outage !== outage) return;
      if (back) void this.#engineBack(outage);
      else this.#engineGaveUp(outage);
    });
  }

  /** The engine answers again: containers that survived (live-restore) are followed again, the others' attempts run anew. */
  async #engineBack(outage: Outage): Promise<void> {
    let containers: Docker.ContainerInfo[];
    try {
      containers = await (await this.#deps.docker()).listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${this.#run.id}`] } });
    } catch {
      // It flapped: wait again, within what is left of the limit.
      if (this.#outage !== outage) return;
      this.#outage = null;
      this.#enterOutage(outage.reason, outage.since);
      return;
    }
    if (this.#outage !== outage) return;
    this.#outage = null;
    const readopted: string[] = [];
    const rerun: string[] = [];
    for (const [step, attempt] of this.#lost) {
      const container = containers.find((c) => c.Labels[STEP_LABEL] === step && c.Labels[ATTEMPT_LABEL] === String(attempt));
      if (container?.State === 'running') {
        this.#deps.runs.reopenAttempt(this.#run.id, step, attempt);
        this.#setState(step, 'running', `attempt ${attempt} survived the engine outage and is followed again`, { started: true });
        readopted.push(step);
        void this.#follow(step, attempt, container.Id, false, this.#slotRequest(step));
        continue;
      }
      if (container) await (await this.#deps.docker()).getContainer(container.Id).remove({ force: true }).catch(() => undefined);
      const reruns = (this.#outageReruns.get(step) ?? 0) + 1;
      if (reruns > this.#policy.reruns) {
        this.#setState(step, 'lost', `lost to ${reruns} engine outages, more than the ${this.#policy.reruns} re-runs allowed (BENCHTOP_ENGINE_RERUNS)`, { finished: true });
        continue;
      }
      this.#outageReruns.set(step, reruns);
      rerun.push(step);
      this.#setState(step, 'waiting', `attempt ${attempt} was lost to an engine outage: running it again (not counted against retry)`);
    }
    this.#lost.clear();
    const parts = [readopted.length ? `followed again: ${readopted.join(', ')}` : '', rerun.length ? `running again: ${rerun.join(', ')}` : ''].filter(Boolean);
    const message = `the engine answered again after ${outageDuration(Date.now() - outage.since)}${parts.length ? `; ${parts.join('; ')}` : ''}`;
    this.#deps.runs.setRunMessage(this.#run.id, null);
    this.#deps.emit({ type: 'run', runId: this.#run.id, state: 'running', message, at: now() });
    this.#pump();
  }

  /** The engine stayed away longer than the limit: the run fails, naming the outage. */
  #engineGaveUp(outage: Outage): void {
    this.#outage = null;
    this.#outageFailure = `the engine did not come back within ${outageDuration(this.#policy.waitMs)} (unreachable since ${new Date(outage.since).toISOString().slice(11, 19)}: ${outage.reason})`;
    for (const step of this.#lost.keys()) this.#setState(step, 'lost', this.#outageFailure, { finished: true });
    this.#lost.clear();
    this.#deps.runs.setRunMessage(this.#run.id, null);
    this.#pump();
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#runTimer) clearTimeout(this.#runTimer);
    this.#stopListening();
    for (const step of [...this.#ahead.keys()]) this.#discardAhead(step, true);
    // The run is done once its containers are gone too (removals run off the steps' way, see
    // followAttempt); bounded, so that an engine that stops answering mid-removal cannot hold it open.
    if (this.#cleanups.size === 0) this.#end();
    else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_WAIT_MS)));
      void Promise.race([Promise.all(this.#cleanups), bound]).then(() => {
        clearTimeout(timer);
        this.#end();
      });
    }
  }

  #end(): void {
    const depends = Object.fromEntries(this.#order.map((s) => [s, this.#step(s).depends ?? []]));
    const badLeaves = leavesOf(depends).filter((s) => !['succeeded', 'cached', 'skipped'].includes(this.#states.get(s) ?? ''));
    const failures = this.#order.filter((s) => ['failed', 'errored', 'lost'].includes(this.#states.get(s) ?? ''));
    const state: RunState = this.#timedOut || this.#outageFailure ? 'failed' : this.#cancelReason ? 'cancelled' : badLeaves.length > 0 ? 'failed' : 'succeeded';
    const succeeded = this.#order.filter((s) => SUCCESS_STEP_STATES.has(this.#states.get(s) ?? 'pending')).length;
    const summary = `${succeeded} of ${this.#order.length} steps succeeded${failures.length ? `; ${failures.map((s) => `${s} ${this.#states.get(s)}`).join(', ')}` : ''}`;
    const failure = this.#outageFailure ?? (state === 'failed' ? this.#diskFull : null);
    const message = this.#cancelReason ?? (failure ? `${failure}; ${summary}` : summary);
    this.#deps.runs.finishRun(this.#run.id, state, message);
    this.#deps.emit({ type: 'run', runId: this.#run.id, state, message, at: now() });
    this.#resolve(state);
  }

  /** The image's id (the cache key's); an image not on this machine is pulled first, its progress the step's status line. */
  async #imageDigest(docker: Docker, image: string, step: string, imageParams: string[], logPath: string): Promise<string> {
    let pending = this.#imageDigests.get(image);
    if (!pending) {
      const pulled: string[] = [];
      const pullLine = (line: string) => {
        pulled.push(line);
        if (!this.#finished && this.#states.get(step) === 'waiting') this.#setState(step, 'waiting', line);
      };
      pending = this.#pulls
        .orPull(image, () => docker.getImage(image).inspect(), pullLine, { params: imageParams })
        .then((info) => info.Id)
        .catch(async (error: { statusCode?: number; message?: string; code?: string }) => {
          if (error instanceof MissingImageError) {
            await writePullFailureLog(logPath, pulled, error);
            throw new StepError(error.message);
          }
          if (error.code === 'cancelled') throw new StepError('cancelled');
          throw new StepError(`Could not inspect image ${image}: ${error.message ?? String(error)}.`);
        });
      this.#imageDigests.set(image, pending);
      pending.catch(() => this.#imageDigests.delete(image));
    }
    return pending;
  }

  /** `record`: the image digest goes to the store (not when the plan is made ahead, see #createAhead). */
  async #plan(docker: Docker, step: string, attempt: number, gpuIds: string[], record = true): Promise<Plan> {
    const spec = this.#step(step);
    const defaults = this.#run.spec.defaults ?? {};
    const values = this.#placeholderValues();
    const resolve = (text: string) => {
      try {
        return substitute(text, values);
      } catch (error) {
        throw new StepError(`${(error as Error).message}: the step that makes it did not succeed and declares no default.`);
      }
    };
    const image = resolve(spec.image);
    const imageParams = findPlaceholders(spec.image).flatMap((p) => (p.kind === 'param' ? [p.name] : []));
    const imageDigest = await this.#imageDigest(docker, image, step, imageParams, attemptLogPath(this.#deps.home, this.#run.id, step, attempt));
    if (record) this.#deps.runs.setStepImage(this.#run.id, step, imageDigest);
    const command = spec.command.map(resolve);
    const args = (spec.args ?? []).map(resolve);
    const env = Object.fromEntries(Object.entries({ ...defaults.env, ...spec.env }).map(([k, v]) => [k, resolve(String(v))]));

    const binds: string[] = [];
    const inputDigests: Record<string, string> = {};
    for (const [name, input] of Object.entries(spec.inputs?.artifacts ?? {})) {
      const [, producer, output] = ARTIFACT_REF.exec(input.from) ?? [];
      const artifact = this.#results.get(producer)?.artifacts.find((a) => a.name === output);
      if (!artifact || !existsSync(artifact.path)) throw new StepError(`Input artifact "${name}" is missing: step "${producer}" did not produce "${output}" (it is ${this.#states.get(producer)}).`);
      binds.push(`${artifact.path}:${input.path}:ro`);
      inputDigests[name] = artifact.sha256;
    }
    const artifactDirs: Record<string, string> = {};
    for (const [name, output] of Object.entries(spec.outputs?.artifacts ?? {})) {
      const dir = join(attemptDir(this.#deps.home, this.#run.id, step, attempt), 'artifacts', name);
      artifactDirs[name] = dir;
      binds.push(`${dir}:${output.path}`);
    }
    const resources = { ...defaults.resources, ...spec.resources };
    const timeout = spec.timeout ?? defaults.timeout;
    const usedParams = Object.fromEntries(
      [spec.image, ...spec.command, ...(spec.args ?? []), ...Object.values(spec.env ?? {}).map(String), ...Object.values(defaults.env ?? {}).map(String), spec.when ?? '']
        .flatMap((text) => findPlaceholders(text))
        .flatMap((p) => (p.kind === 'param' ? [[p.name, this.#run.params[p.name]]] : [])),
    );
    const cacheSpec = normaliseCache(spec.cache ?? defaults.cache);
    const fields: CacheFields = { imageDigest, command, args, env, params: usedParams, inputs: inputDigests, outputs: spec.outputs ?? {}, salt: cacheSpec.salt };
    const enabled = cacheSpec.enabled && this.#run.useCache;
    const attemptPlan: AttemptPlan = {
      runId: this.#run.id,
      pipeline: this.#run.pipeline,
      step,
      attempt,
      image,
      entrypoint: command,
      cmd: args,
      env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      binds: [...binds, ...(this.#deps.binds ?? [])],
      memoryBytes: resources.memory === undefined ? undefined : quantityBytes(resources.memory),
      nanoCpus: resources.cpu === undefined ? undefined : Math.round(resources.cpu * 1e9),
      shmBytes: resources.shm === undefined ? undefined : quantityBytes(resources.shm),
      deviceRequests: gpuIds.length > 0 && this.#gpus ? toDeviceRequests({ mode: 'devices', deviceIds: gpuIds }, this.#gpus.readiness) : undefined,
      labels: { ...this.#run.spec.metadata.labels, ...this.#deps.labels },
      timeoutMs: timeout === undefined ? undefined : durationMs(timeout),
      logPath: attemptLogPath(this.#deps.home, this.#run.id, step, attempt),
      outputParams: spec.outputs?.params ?? {},
      metricsPath: spec.outputs?.metrics?.path,
    };
    return {
      attempt: attemptPlan,
      artifactDirs,
      outputDirs: Object.values(artifactDirs),
      cache: { key: enabled ? cacheKey(fields) : null, fields, enabled, disabledWhy: cacheSpec.enabled ? 'caching is off for this run (--no-cache)' : 'cache is off for this step', maxAgeMs: cacheSpec.maxAgeMs },
    };
  }

  /** Looks the key up; on a hit copies the earlier result and marks the step cached. Records why either way. */
  async #tryCache(step: string, cache: Plan['cache']): Promise<boolean> {
    const runs = this.#deps.runs;
    if (!cache.key) {
      runs.setCacheDecision(this.#run.id, step, null, cache.fields, { decision: 'disabled', reason: cache.disabledWhy, key: null, fromRun: null });
      return false;
    }
    const entry = runs.cacheEntry(cache.key);
    let reason: string;
    if (entry) {
      const age = Date.now() - Date.parse(entry.createdAt);
      const result = runs.stepResult(entry.runId, entry.step);
      const missing = result.artifacts.find((a) => !existsSync(a.path));
      if (cache.maxAgeMs !== undefined && age > cache.maxAgeMs) reason = `the cached result from run ${entry.runId} is older than maxAge`;
      else if (missing) {
        runs.dropCacheEntry(cache.key);
        reason = `the cached artifact "${missing.name}" of run ${entry.runId} is gone from disk`;
      } else {
        // A hit's writes share one commit.
        runs.inTransaction(() => {
          runs.setCacheDecision(this.#run.id, step, cache.key, cache.fields, { decision: 'hit', reason: `same inputs as run ${entry.runId}`, key: cache.key, fromRun: entry.runId });
          runs.saveStepResult(this.#run.id, step, result);
          this.#results.set(step, result);
          this.#setState(step, 'cached', `reused the result of run ${entry.runId}`, { started: true, finished: true });
        });
        return true;
      }
    } else {
      // Only a miss says what changed, so only a miss looks up the step's previous key fields.
      const previous = runs.previousCacheFields(this.#run.pipeline, step, this.#run.id);
      if (previous) {
        const changed = differingFields(cache.fields, previous.fields as Partial<CacheFields>);
        reason = changed.length > 0 ? `changed since run ${previous.runId}: ${changed.join(', ')}` : `run ${previous.runId} did not succeed, so it left no cache entry`;
      } else reason = 'first run of this step';
    }
    runs.setCacheDecision(this.#run.id, step, cache.key, cache.fields, { decision: 'miss', reason, key: cache.key, fromRun: null });
    return false;
  }
}

interface Ahead {
  attempt: number;
  /** The AttemptPlan it was created from, as JSON: used only by a step whose plan is still the same. */
  signature: string;
  containerId: string;
}

interface Outage {
  since: number;
  reason: string;
  controller: AbortController;
}

interface Plan {
  attempt: AttemptPlan;
  artifactDirs: Record<string, string>;
  outputDirs: string[];
  cache: { key: string | null; fields: CacheFields; enabled: boolean; disabledWhy: string; maxAgeMs?: number };
}

function normaliseCache(cache: CacheSpec | undefined): { enabled: boolean; salt: string; maxAgeMs?: number } {
  if (cache === undefined || cache === true) return { enabled: true, salt: '' };
  if (cache === false) return { enabled: false, salt: '' };
  return { enabled: cache.enabled, salt: cache.salt ?? '', maxAgeMs: cache.maxAge ? durationMs(cache.maxAge) : undefined };
}

/** Adds the tracking env (the step's own env wins for a key it sets) and the host alias to an attempt. */
function withTracking(plan: AttemptPlan, tracked: TrackedAttempt): void {
  const own = new Set(plan.env.map((entry) => entry.slice(0, entry.indexOf('='))));
  plan.env = [...plan.env, ...tracked.env.filter((entry) => !own.has(entry.slice(0, entry.indexOf('='))))];
  plan.extraHosts = [...(plan.extraHosts ?? []), ...tracked.extraHosts];
}
