import type Docker from 'dockerode';
import type { TokenIssuer } from '../tracking/tokens.ts';
import type { TrackingStore } from '../tracking/tracking-store.ts';
import { sampleContainerMetrics, type ContainerMetricsSampler, type GpuSource } from './container-metrics.ts';
import { containerTrackingUri, CONTAINER_HOST_ALIAS, type TrackingEndpoint } from './endpoint.ts';

/** The tags a step attempt's MLflow run carries (searchable: `tags."benchtop.run_id" = '…'`). */
export const STEP_RUN_TAGS = {
  run: 'benchtop.run_id',
  runName: 'benchtop.run_name',
  pipeline: 'benchtop.pipeline',
  step: 'benchtop.step',
  attempt: 'benchtop.attempt',
  source: 'benchtop.source',
} as const;

/** How an attempt ended, as the executor says it. */
export type AttemptEnd = 'succeeded' | 'failed' | 'errored' | 'cancelled' | 'lost';

/** MLflow's run status for an attempt's end. */
export function mlflowStatusOf(end: AttemptEnd): 'FINISHED' | 'FAILED' | 'KILLED' {
  if (end === 'succeeded') return 'FINISHED';
  if (end === 'cancelled') return 'KILLED';
  return 'FAILED';
}

export interface StepAttemptRef {
  runId: string;
  pipeline: string;
  step: string;
  attempt: number;
  /** The pipeline run's human name ("train-and-select brave-otter"), tagged on the MLflow run. */
  runName?: string;
}

/** What an attempt's container gets and what ends its MLflow run. */
export interface TrackedAttempt {
  mlflowRunId: string;
  experimentId: string;
  /** MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN, MLFLOW_EXPERIMENT_NAME, MLFLOW_RUN_ID (KEY=value). */
  env: string[];
  /** `host.docker.internal:host-gateway`, so the container reaches the endpoint. */
  extraHosts: string[];
  /** Starts sampling the container's system metrics into the run. */
  containerStarted(docker: Docker, containerId: string, gpuIds: readonly string[]): void;
  /** Writes the step's outputs.metrics, ends the run with the attempt's outcome, revokes the token. */
  end(end: AttemptEnd, metrics?: Record<string, number>): Promise<void>;
}

/** The executor's view of step tracking (see run-executor.ts). */
export interface StepTrackingHook {
  begin(ref: StepAttemptRef): Promise<TrackedAttempt | null>;
  /** An attempt a dead process left (recovery): its MLflow run, found by tags, to end later. */
  resume(ref: StepAttemptRef): TrackedAttempt | null;
}

export interface StepTrackingOptions {
  tracking: TrackingStore;
  tokens: TokenIssuer;
  /**
   * Makes sure the endpoint is served (by this process if nobody does) and says where; a step whose
   * endpoint cannot be had (it throws) runs untracked, without the MLFLOW_* env.
   */
  endpoint: () => Promise<TrackingEndpoint>;
  gpu?: GpuSource | null;
  systemMetricsIntervalMs?: number;
  /** Turned off: no run, no env (settings, tests). */
  enabled?: () => boolean;
}

/**
 * Gives every pipeline step attempt a pre-created MLflow run: experiment = the pipeline's name,
 * run name = the step, tags naming the Benchtop run, step and attempt; the container gets
 * MLFLOW_TRACKING_URI, a run-scoped MLFLOW_TRACKING_TOKEN, MLFLOW_EXPERIMENT_NAME and MLFLOW_RUN_ID,
 * so an unmodified `mlflow.start_run()` attaches to it. While the container runs, its system metrics
 * are sampled from outside; at the end the step's `outputs.metrics` land in the same run and the
 * run ends FINISHED, FAILED or KILLED with the attempt.
 */
export class StepTracking implements StepTrackingHook {
  readonly #options: StepTrackingOptions;

  constructor(options: StepTrackingOptions) {
    this.#options = options;
  }

  /** The attempt's run and env; null (the step runs untracked) when tracking is off or fails: tracking never fails a step. */
  async begin(ref: StepAttemptRef): Promise<TrackedAttempt | null> {
    if (this.#options.enabled && !this.#options.enabled()) return null;
    const endpoint = await this.#options.endpoint().catch(() => null);
    if (!endpoint) return null;
    try {
      return this.#begin(ref, endpoint);
    } catch {
      return null;
    }
  }

  #begin(ref: StepAttemptRef, endpoint: TrackingEndpoint): TrackedAttempt {
    const { tracking, tokens } = this.#options;
    const experiment = tracking.getOrCreateExperiment(ref.pipeline, [{ key: STEP_RUN_TAGS.source, value: 'pipeline' }]);
    const run = tracking.createRun({
      experimentId: experiment.experiment_id,
      runName: ref.step,
      userId: 'benchtop',
      tags: [
        { key: STEP_RUN_TAGS.run, value: ref.runId },
        ...(ref.runName ? [{ key: STEP_RUN_TAGS.runName, value: ref.runName }] : []),
        { key: STEP_RUN_TAGS.pipeline, value: ref.pipeline },
        { key: STEP_RUN_TAGS.step, value: ref.step },
        { key: STEP_RUN_TAGS.attempt, value: String(ref.attempt) },
        { key: STEP_RUN_TAGS.source, value: 'pipeline' },
        { key: 'mlflow.source.type', value: 'JOB' },
        { key: 'mlflow.source.name', value: `${ref.pipeline}/${ref.step}` },
        { key: 'mlflow.user', value: 'benchtop' },
      ],
    });
    const token = tokens.issue({ kind: 'run', runId: run.info.run_id }, `step ${ref.runId}/${ref.step}#${ref.attempt}`);
    const env = [
      `MLFLOW_TRACKING_URI=${containerTrackingUri(endpoint)}`,
      `MLFLOW_TRACKING_TOKEN=${token}`,
      `MLFLOW_EXPERIMENT_NAME=${experiment.name}`,
      `MLFLOW_RUN_ID=${run.info.run_id}`,
    ];
    return this.#attempt(run.info.run_id, experiment.experiment_id, env, [`${CONTAINER_HOST_ALIAS}:host-gateway`], token);
  }

  resume(ref: StepAttemptRef): TrackedAttempt | null {
    if (this.#options.enabled && !this.#options.enabled()) return null;
    let found: ReturnType<typeof findStepRun> = null;
    try {
      found = findStepRun(this.#options.tracking, ref);
    } catch {
      return null;
    }
    return found ? this.#attempt(found.runId, found.experimentId, [], [], null) : null;
  }

  #attempt(mlflowRunId: string, experimentId: string, env: string[], extraHosts: string[], token: string | null): TrackedAttempt {
    const { tracking, tokens } = this.#options;
    let sampler: ContainerMetricsSampler | null = null;
    let ended = false;
    return {
      mlflowRunId,
      experimentId,
      env,
      extraHosts,
      containerStarted: (docker, containerId, gpuIds) => {
        sampler ??= sampleContainerMetrics({
          docker,
          containerId,
          gpuIds,
          gpu: this.#options.gpu ?? null,
          intervalMs: this.#options.systemMetricsIntervalMs,
          write: (points) => tracking.logBatch(mlflowRunId, { metrics: points }),
        });
      },
      end: async (end, metrics = {}) => {
        if (ended) return;
        ended = true;
        await sampler?.stop();
        try {
          const now = Date.now();
          const points = metricsFilePoints(tracking, mlflowRunId, metrics, now);
          for (let i = 0; i < points.length; i += 1000) tracking.logBatch(mlflowRunId, { metrics: points.slice(i, i + 1000) });
          tracking.updateRun(mlflowRunId, { status: mlflowStatusOf(end), endTime: now });
        } catch {
          // The run was deleted meanwhile (or the store closed): the step's own record stands.
        } finally {
          if (token) tokens.revoke(token);
        }
      },
    };
  }
}

/**
 * The step's `outputs.metrics` values as points of its run: each at the metric's latest step (0 when
 * the script never logged it), skipped when that is already the run's latest value.
 */
export function metricsFilePoints(tracking: TrackingStore, runId: string, metrics: Record<string, number>, now: number) {
  const latest = new Map((tracking.getRun(runId)?.data.metrics ?? []).map((m) => [m.key, m]));
  const points: { key: string; value: number; timestamp: number; step: number }[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    const known = latest.get(key);
    if (known && known.value === value) continue;
    points.push({ key, value, timestamp: now, step: known?.step ?? 0 });
  }
  return points;
}

/** The MLflow run of a step attempt, by its Benchtop tags. */
export function findStepRun(tracking: TrackingStore, ref: StepAttemptRef): { runId: string; experimentId: string } | null {
  const experiment = tracking.getExperimentByName(ref.pipeline);
  if (!experiment) return null;
  const quote = (text: string) => `'${text.replaceAll("'", "\\'")}'`;
  const page = tracking.searchRuns({
    experimentIds: [experiment.experiment_id],
    filter: `tags."${STEP_RUN_TAGS.run}" = ${quote(ref.runId)} and tags."${STEP_RUN_TAGS.step}" = ${quote(ref.step)} and tags."${STEP_RUN_TAGS.attempt}" = ${quote(String(ref.attempt))}`,
    maxResults: 1,
  });
  const run = page.items[0];
  return run ? { runId: run.info.run_id, experimentId: run.info.experiment_id } : null;
}
