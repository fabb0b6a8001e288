/**
 * The tracking server's entities, shaped as MLflow's REST API writes them (snake_case JSON), so the
 * routes return them as they are.
 */

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export type LifecycleStage = 'active' | 'deleted';

/** Which runs or experiments a listing returns (MLflow's ViewType). */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number | null;
  last_update_time: number | null;
  tags: KeyValue[];
}

export interface Metric {
  key: string;
  /** NaN, Infinity and -Infinity are numbers here; the HTTP layer writes proto JSON's strings. */
  value: number;
  timestamp: number;
  step: number;
  dataset_name?: string;
  dataset_digest?: string;
  run_id?: string;
  model_id?: string;
}

export interface RunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time: number | null;
  end_time: number | null;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface DatasetInput {
  tags: KeyValue[];
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
}

export interface Run {
  info: RunInfo;
  data: { metrics: Metric[]; params: KeyValue[]; tags: KeyValue[] };
  inputs: { dataset_inputs: DatasetInput[]; model_inputs: { model_id: string }[] };
  outputs: { model_outputs: { model_id: string; step: number }[] };
}

export interface LoggedModel {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    artifact_uri: string;
    creation_timestamp_ms: number | null;
    last_updated_timestamp_ms: number | null;
    status: string;
    status_message?: string;
    model_type?: string;
    source_run_id?: string;
    lifecycle_stage?: string;
    tags: KeyValue[];
  };
  data: { params: KeyValue[]; metrics: Metric[] };
}

/** A page of results and the token of the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}
