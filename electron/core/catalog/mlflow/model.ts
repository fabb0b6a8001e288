/**
 * What an MLflow tracking store holds, read from an mlruns folder or an mlflow.db file, in one
 * shape for both. Times are ms since the epoch (null when the store has none); ids are strings.
 */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type LifecycleStage = 'active' | 'deleted';

export interface MlflowExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string | null;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: Record<string, string>;
  /** meta.yaml keys this importer does not know, kept so that an export writes them back. */
  extra: Record<string, unknown>;
}

export interface MetricPoint {
  key: string;
  /** 0 when isNan (SQLite cannot keep a NaN). */
  value: number;
  isNan: boolean;
  timestamp: number;
  step: number;
  datasetName: string | null;
  datasetDigest: string | null;
}

export interface MlflowDatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
  /** input tags, e.g. mlflow.data.context = training */
  tags: Record<string, string>;
}

export interface MlflowRun {
  runId: string;
  experimentId: string;
  runName: string | null;
  userId: string | null;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  artifactUri: string | null;
  lifecycleStage: LifecycleStage;
  deletedTime: number | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: MetricPoint[];
  inputs: MlflowDatasetInput[];
  /** MLflow 3: logged models this run produced, with the step. */
  outputs: { modelId: string; step: number }[];
  extra: Record<string, unknown>;
  /** Local folder holding the run's artifacts, when one was found. */
  artifactsDir: string | null;
}

export interface MlflowLoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  artifactLocation: string | null;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  modelType: string | null;
  sourceRunId: string | null;
  /** As stored: an int (file store) or a name. */
  status: string | null;
  statusMessage: string | null;
  lifecycleStage: LifecycleStage | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Metric lines carry the run id that logged them. */
  metrics: (MetricPoint & { runId: string | null })[];
  extra: Record<string, unknown>;
  artifactsDir: string | null;
}

export interface MlflowModelVersion {
  version: number;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  description: string | null;
  userId: string | null;
  /** Legacy stage (None, Staging, Production, Archived); Deleted_Internal becomes deleted = true. */
  currentStage: string | null;
  source: string | null;
  runId: string | null;
  runLink: string | null;
  status: string | null;
  statusMessage: string | null;
  storageLocation: string | null;
  modelId: string | null;
  deleted: boolean;
  tags: Record<string, string>;
}

export interface MlflowRegisteredModel {
  name: string;
  description: string | null;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  tags: Record<string, string>;
  /** alias → version number */
  aliases: Record<string, number>;
  versions: MlflowModelVersion[];
}

/** Something the reader passed over on purpose (stray file, folder without meta.yaml…). */
export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface MlflowSnapshot {
  kind: 'mlruns' | 'sqlite';
  /** Absolute path of the mlruns folder or the .db file. */
  path: string;
  /** For mlruns: the folder. Locations inside it are self-references (see README). */
  root: string | null;
  schemaRevision: string | null;
  experiments: MlflowExperiment[];
  runs: MlflowRun[];
  loggedModels: MlflowLoggedModel[];
  registeredModels: MlflowRegisteredModel[];
  skipped: SkippedEntry[];
}

export function runStatusFromInt(value: number): RunStatus | null {
  return RUN_STATUSES[value - 1] ?? null;
}

export function runStatusToInt(status: RunStatus): number {
  return RUN_STATUSES.indexOf(status) + 1;
}
