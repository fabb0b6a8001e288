import { MlflowError } from './errors.ts';
import { describeScope, type TokenScope } from './tokens.ts';
import type { TrackingStore } from './tracking-store.ts';

const MAX_NESTING = 64;

/**
 * What one request's token may do. Routes call these before writing (or reading outside the
 * token's experiment); a refusal is PERMISSION_DENIED (403) and nothing is written.
 * - all: everything.
 * - experiment: read and write that experiment's runs, logged models and artifacts.
 * - run: write that run and its child runs (and create child runs under it), read its experiment.
 * The model registry is shared: any token reads it; writes that name a run need access to it.
 */
export class Access {
  readonly scope: TokenScope;
  readonly #tracking: TrackingStore;

  constructor(scope: TokenScope, tracking: TrackingStore) {
    this.scope = scope;
    this.#tracking = tracking;
  }

  #deny(what: string): never {
    throw new MlflowError('PERMISSION_DENIED', `This token is scoped to ${describeScope(this.scope)}: it may not ${what}.`);
  }

  get isAll(): boolean {
    return this.scope.kind === 'all';
  }

  #scopeExperiment(): string | null {
    if (this.scope.kind === 'experiment') return this.scope.experimentId;
    if (this.scope.kind === 'run') return this.#tracking.runOwner(this.scope.runId)?.experimentId ?? null;
    return null;
  }

  /** True when the run is the scope's run or one of its descendants. */
  #runInScope(runId: string): boolean {
    if (this.scope.kind !== 'run') return false;
    let current: string | null = runId;
    for (let depth = 0; current && depth < MAX_NESTING; depth++) {
      if (current === this.scope.runId) return true;
      current = this.#tracking.runOwner(current)?.parentRunId ?? null;
    }
    return false;
  }

  requireAll(what: string): void {
    if (!this.isAll) this.#deny(what);
  }

  readExperiment(experimentId: string): void {
    if (this.isAll) return;
    if (this.#scopeExperiment() !== String(experimentId)) this.#deny(`read experiment ${experimentId}`);
  }

  /** Visible experiment ids for listings: null = all. */
  visibleExperiments(): string[] | null {
    if (this.isAll) return null;
    const id = this.#scopeExperiment();
    return id === null ? [] : [id];
  }

  writeExperiment(experimentId: string): void {
    if (this.isAll) return;
    if (this.scope.kind !== 'experiment' || this.scope.experimentId !== String(experimentId)) this.#deny(`change experiment ${experimentId}`);
  }

  /** Creating a run: in the token's experiment, or (run scope) as a child of the token's run. */
  createRun(experimentId: string, parentRunId: string | null): void {
    if (this.isAll) return;
    if (this.scope.kind === 'experiment') return this.writeExperiment(experimentId);
    if (!parentRunId || !this.#runInScope(parentRunId)) this.#deny('create a run that is not a child of its run');
  }

  readRun(runId: string): void {
    if (this.isAll) return;
    const owner = this.#tracking.runOwner(runId);
    if (!owner) return; // the route answers RESOURCE_DOES_NOT_EXIST
    this.readExperiment(owner.experimentId);
  }

  writeRun(runId: string): void {
    if (this.isAll) return;
    const owner = this.#tracking.runOwner(runId);
    if (!owner) return; // the route answers RESOURCE_DOES_NOT_EXIST
    if (this.scope.kind === 'experiment') {
      if (owner.experimentId !== this.scope.experimentId) this.#deny(`write run ${runId}`);
      return;
    }
    if (!this.#runInScope(runId)) this.#deny(`write run ${runId}`);
  }

  /** A logged model: experiment scope by its experiment, run scope by the run that logs it. */
  writeLoggedModel(experimentId: string, sourceRunId: string | null | undefined): void {
    if (this.isAll) return;
    if (this.scope.kind === 'experiment') return this.writeExperiment(experimentId);
    if (!sourceRunId || !this.#runInScope(sourceRunId)) this.#deny(`write a logged model of another run`);
  }
}
