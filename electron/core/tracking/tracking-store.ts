import { randomUUID } from 'node:crypto';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { Store } from '../store/database.ts';
import type { DatasetInput, Experiment, KeyValue, LifecycleStage, LoggedModel, Metric, Page, Run, RunInfo, RunStatus, ViewType } from './entities.ts';
import { RUN_STATUSES } from './entities.ts';
import { alreadyExists, invalid, MlflowError, notFound } from './errors.ts';
import { randomRunName } from './run-names.ts';
import { compileRunSearch, decodePageToken, encodePageToken } from './search-runs.ts';
import { checkBatchCounts, checkExperimentName, checkKey, checkLength, LIMITS } from './validation.ts';

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

export interface NewRun {
  experimentId: string;
  runName?: string | null;
  userId?: string | null;
  startTime?: number | null;
  tags?: KeyValue[];
  /** Makes it a child run: sets `mlflow.parentRunId` (MLflow's nesting). */
  parentRunId?: string | null;
  /** An explicit id (32 hex digits); default a fresh uuid4 hex, as MLflow makes. */
  runId?: string;
}

export interface RunUpdate {
  status?: RunStatus;
  endTime?: number | null;
  runName?: string | null;
}

export interface MetricInput {
  key: string;
  value: number;
  timestamp: number;
  step?: number;
  datasetName?: string;
  datasetDigest?: string;
  modelId?: string;
}

export interface Batch {
  metrics?: MetricInput[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

export interface RunSearch {
  experimentIds: string[];
  filter?: string;
  viewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string | null;
}

interface RunRow {
  run_id: string;
  experiment_id: string;
  run_name: string | null;
  user_id: string | null;
  status: string;
  start_time: number | null;
  end_time: number | null;
  artifact_uri: string | null;
  lifecycle_stage: string;
  deleted_time: number | null;
  parent_run_id: string | null;
  artifacts_tree: string | null;
}

interface ExperimentRow {
  experiment_id: string;
  name: string;
  artifact_location: string | null;
  lifecycle_stage: string;
  creation_time: number | null;
  last_update_time: number | null;
}

const MAX_RUNS_PER_PAGE = 50_000;
const MAX_HISTORY_PAGE = 1_000_000;

/** What MLflow stores for a non-finite metric value (its SQL store does the same). */
function storedValue(value: number): { value: number; isNan: number } {
  if (Number.isNaN(value)) return { value: 0, isNan: 1 };
  if (value === Number.POSITIVE_INFINITY) return { value: 1.7976931348623157e308, isNan: 0 };
  if (value === Number.NEGATIVE_INFINITY) return { value: -1.7976931348623157e308, isNan: 0 };
  return { value, isNan: 0 };
}

/**
 * The tracking data layer over the `mlflow_*` tables (migrations 5 and 7): experiments, runs,
 * params (immutable), tags (overwritable), metric histories (append-only), dataset inputs and
 * MLflow 3 logged models, with MLflow's rules. Every write is one transaction; statements are
 * prepared once. Errors are `MlflowError`s (MLflow's error codes).
 */
export class TrackingStore {
  readonly #store: Store;
  readonly #statements = new Map<string, StatementSync>();

  constructor(store: Store) {
    this.#store = store;
    this.#ensureDefaultExperiment();
  }

  get store(): Store {
    return this.#store;
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size > 512) this.#statements.clear();
      statement = this.#store.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get<T>(sql: string, ...args: SQLInputValue[]): T | undefined {
    return this.#prepare(sql).get(...args) as T | undefined;
  }

  #all<T>(sql: string, ...args: SQLInputValue[]): T[] {
    return this.#prepare(sql).all(...args) as T[];
  }

  #run(sql: string, ...args: SQLInputValue[]): number {
    return Number(this.#prepare(sql).run(...args).changes);
  }

  transaction<T>(fn: () => T): T {
    return this.#store.transaction(fn);
  }

  #ensureDefaultExperiment(): void {
    const byId = this.#get('SELECT 1 FROM mlflow_experiments WHERE experiment_id = ?', DEFAULT_EXPERIMENT_ID);
    const byName = this.#get('SELECT 1 FROM mlflow_experiments WHERE name = ?', DEFAULT_EXPERIMENT_NAME);
    if (byId || byName) return;
    const now = Date.now();
    this.#run(
      "INSERT INTO mlflow_experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, 'active', ?, ?)",
      DEFAULT_EXPERIMENT_ID,
      DEFAULT_EXPERIMENT_NAME,
      `mlflow-artifacts:/${DEFAULT_EXPERIMENT_ID}`,
      now,
      now,
    );
  }

  // ---- experiments ---------------------------------------------------------------------------

  createExperiment(input: { name: string; artifactLocation?: string | null; tags?: KeyValue[] }): string {
    const name = checkExperimentName(input.name);
    for (const [i, tag] of (input.tags ?? []).entries()) {
      checkKey('Tag key', tag.key, `tags[${i}].key`);
      checkLength('Experiment tag value', tag.value ?? '', LIMITS.experimentTagValueLength);
    }
    return this.transaction(() => {
      const existing = this.#get<{ lifecycle_stage: string }>('SELECT lifecycle_stage FROM mlflow_experiments WHERE name = ?', name);
      if (existing) {
        throw alreadyExists(
          existing.lifecycle_stage === 'deleted'
            ? `Experiment '${name}' already exists in deleted state. You can restore the experiment, or permanently delete the experiment to create a new one.`
            : `Experiment '${name}' already exists.`,
        );
      }
      const id = this.#nextExperimentId();
      const now = Date.now();
      this.#run(
        "INSERT INTO mlflow_experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, 'active', ?, ?)",
        id,
        name,
        input.artifactLocation || `mlflow-artifacts:/${id}`,
        now,
        now,
      );
      for (const tag of input.tags ?? []) this.#run('INSERT OR REPLACE INTO mlflow_experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)', id, tag.key, tag.value ?? '');
      return id;
    });
  }

  #nextExperimentId(): string {
    const ids = this.#all<{ experiment_id: string }>('SELECT experiment_id FROM mlflow_experiments').map((r) => r.experiment_id).filter((id) => /^\d+$/.test(id));
    return String(ids.reduce((max, id) => (BigInt(id) > max ? BigInt(id) : max), 0n) + 1n);
  }

  getExperiment(experimentId: string): Experiment | null {
    const row = this.#get<ExperimentRow>('SELECT * FROM mlflow_experiments WHERE experiment_id = ?', String(experimentId));
    return row ? this.#experiment(row) : null;
  }

  requireExperiment(experimentId: string): Experiment {
    const experiment = this.getExperiment(experimentId);
    if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
    return experiment;
  }

  getExperimentByName(name: string): Experiment | null {
    const row = this.#get<ExperimentRow>('SELECT * FROM mlflow_experiments WHERE name = ?', name);
    return row ? this.#experiment(row) : null;
  }

  /** The experiment of that name, created when missing (a deleted one is restored). */
  getOrCreateExperiment(name: string, tags: KeyValue[] = []): Experiment {
    const existing = this.getExperimentByName(name);
    if (existing) {
      if (existing.lifecycle_stage === 'deleted') this.restoreExperiment(existing.experiment_id);
      return this.requireExperiment(existing.experiment_id);
    }
    try {
      return this.requireExperiment(this.createExperiment({ name, tags }));
    } catch (error) {
      // Another process created it between the two statements.
      if (error instanceof MlflowError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') return this.getExperimentByName(name)!;
      throw error;
    }
  }

  #experiment(row: ExperimentRow): Experiment {
    return {
      experiment_id: row.experiment_id,
      name: row.name,
      artifact_location: row.artifact_location ?? '',
      lifecycle_stage: row.lifecycle_stage as LifecycleStage,
      creation_time: row.creation_time,
      last_update_time: row.last_update_time,
      tags: this.#all<KeyValue>('SELECT key, value FROM mlflow_experiment_tags WHERE experiment_id = ? ORDER BY key', row.experiment_id),
    };
  }

  searchExperiments(options: { viewType?: ViewType; maxResults?: number; pageToken?: string | null; filter?: string; orderBy?: string[] } = {}): Page<Experiment> {
    const max = options.maxResults ?? 1000;
    if (!Number.isInteger(max) || max < 1 || max > 50_000) throw invalid(`Invalid value ${max} for parameter 'max_results' supplied. It must be at most 50000.`);
    const offset = decodePageToken(options.pageToken);
    const where: string[] = [lifecycleWhere(options.viewType ?? 'ACTIVE_ONLY', 'lifecycle_stage')];
    const args: SQLInputValue[] = [];
    for (const clause of parseExperimentFilter(options.filter ?? '')) {
      if (clause.field === 'name') {
        where.push(`name ${clause.op === 'ILIKE' ? 'LIKE' : clause.op} ?${clause.op === 'LIKE' ? " ESCAPE '\\'" : ''}`);
        args.push(clause.value);
      } else if (clause.field === 'tag') {
        where.push(`EXISTS (SELECT 1 FROM mlflow_experiment_tags t WHERE t.experiment_id = mlflow_experiments.experiment_id AND t.key = ? AND t.value ${clause.op === 'ILIKE' ? 'LIKE' : clause.op} ?)`);
        args.push(clause.key, clause.value);
      } else {
        where.push(`${clause.field} ${clause.op} ?`);
        args.push(Number(clause.value));
      }
    }
    const order = experimentOrder(options.orderBy ?? []);
    const rows = this.#all<ExperimentRow>(`SELECT * FROM mlflow_experiments WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`, ...args, max + 1, offset);
    const items = rows.slice(0, max).map((row) => this.#experiment(row));
    return { items, nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }

  updateExperiment(experimentId: string, newName: string): void {
    const name = checkExperimentName(newName);
    this.transaction(() => {
      const experiment = this.requireExperiment(experimentId);
      if (experiment.lifecycle_stage !== 'active') throw new MlflowError('INVALID_STATE', 'Cannot rename a non-active experiment.');
      const other = this.getExperimentByName(name);
      if (other && other.experiment_id !== experimentId) throw alreadyExists(`Experiment '${name}' already exists.`);
      this.#run('UPDATE mlflow_experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?', name, Date.now(), experimentId);
    });
  }

  deleteExperiment(experimentId: string): void {
    this.transaction(() => {
      const experiment = this.requireExperiment(experimentId);
      if (experiment.experiment_id === DEFAULT_EXPERIMENT_ID) throw invalid('Cannot delete the default experiment (0). This is an internally reserved experiment.');
      const now = Date.now();
      this.#run("UPDATE mlflow_experiments SET lifecycle_stage = 'deleted', last_update_time = ? WHERE experiment_id = ?", now, experimentId);
      this.#run("UPDATE mlflow_runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE experiment_id = ? AND lifecycle_stage = 'active'", now, experimentId);
      this.#releaseArtifacts('owner_id IN (SELECT run_id FROM mlflow_runs WHERE experiment_id = ?)', experimentId);
    });
  }

  restoreExperiment(experimentId: string): void {
    this.transaction(() => {
      const experiment = this.requireExperiment(experimentId);
      if (experiment.lifecycle_stage !== 'deleted') throw notFound(`No Experiment with id=${experimentId} exists among deleted experiments: it is active.`);
      this.#run("UPDATE mlflow_experiments SET lifecycle_stage = 'active', last_update_time = ? WHERE experiment_id = ?", Date.now(), experimentId);
      this.#run("UPDATE mlflow_runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE experiment_id = ? AND lifecycle_stage = 'deleted'", experimentId);
      this.#keepArtifacts('experiment_id = ?', experimentId);
    });
  }

  setExperimentTag(experimentId: string, key: string, value: string): void {
    checkKey('Tag key', key, 'key');
    checkLength('Experiment tag value', value, LIMITS.experimentTagValueLength);
    this.transaction(() => {
      const experiment = this.requireExperiment(experimentId);
      if (experiment.lifecycle_stage !== 'active') throw invalid(`The experiment ${experimentId} must be in the 'active' state. Current state is ${experiment.lifecycle_stage}.`);
      this.#run('INSERT INTO mlflow_experiment_tags (experiment_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value', experimentId, key, value);
    });
  }

  deleteExperimentTag(experimentId: string, key: string): void {
    this.transaction(() => {
      this.requireExperiment(experimentId);
      if (this.#run('DELETE FROM mlflow_experiment_tags WHERE experiment_id = ? AND key = ?', experimentId, key) === 0) {
        throw notFound(`No tag with name: ${key} in experiment with id ${experimentId}`);
      }
    });
  }

  // ---- runs ----------------------------------------------------------------------------------

  createRun(input: NewRun): Run {
    const tags = [...(input.tags ?? [])];
    tags.forEach((tag, i) => this.#checkTag(tag, `tags[${i}]`));
    if (input.runId !== undefined && !/^[0-9a-f]{32}$/.test(input.runId)) throw invalid(`Invalid run id ${input.runId}: use 32 lowercase hex digits.`);
    const runId = input.runId ?? randomUUID().replaceAll('-', '');
    this.transaction(() => {
      if (input.runId !== undefined && this.#runRow(runId)) throw alreadyExists(`Run with id=${runId} already exists.`);
      const experiment = this.requireExperiment(String(input.experimentId));
      if (experiment.lifecycle_stage !== 'active') {
        throw invalid(`The experiment ${experiment.experiment_id} must be in the 'active' state. Current state is ${experiment.lifecycle_stage}.`);
      }
      const nameTag = tags.find((t) => t.key === 'mlflow.runName')?.value;
      if (input.runName && nameTag && input.runName !== nameTag) {
        throw invalid(`Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.runName}', mlflow.runName='${nameTag}').`);
      }
      const runName = input.runName || nameTag || randomRunName();
      if (!nameTag) tags.push({ key: 'mlflow.runName', value: runName });
      let parent = input.parentRunId ?? tags.find((t) => t.key === 'mlflow.parentRunId')?.value ?? null;
      if (input.parentRunId && !tags.some((t) => t.key === 'mlflow.parentRunId')) tags.push({ key: 'mlflow.parentRunId', value: input.parentRunId });
      if (parent === '') parent = null;
      const base = experiment.artifact_location.replace(/\/+$/, '');
      this.#run(
        "INSERT INTO mlflow_runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage, parent_run_id) VALUES (?, ?, ?, ?, 'RUNNING', ?, NULL, ?, 'active', ?)",
        runId,
        experiment.experiment_id,
        runName,
        input.userId ?? '',
        input.startTime ?? Date.now(),
        `${base}/${runId}/artifacts`,
        parent,
      );
      for (const tag of tags) this.#run('INSERT OR REPLACE INTO mlflow_run_tags (run_id, key, value) VALUES (?, ?, ?)', runId, tag.key, tag.value);
    });
    return this.getRun(runId)!;
  }

  #runRow(runId: string): RunRow | undefined {
    return this.#get<RunRow>('SELECT * FROM mlflow_runs WHERE run_id = ?', String(runId));
  }

  requireRunRow(runId: string): RunRow {
    const row = this.#runRow(runId);
    if (!row) throw notFound(`Run with id=${runId} not found`);
    return row;
  }

  /** The run's experiment id and parent, or null; what token scopes check. */
  runOwner(runId: string): { experimentId: string; parentRunId: string | null } | null {
    const row = this.#get<{ experiment_id: string; parent_run_id: string | null }>('SELECT experiment_id, parent_run_id FROM mlflow_runs WHERE run_id = ?', String(runId));
    return row ? { experimentId: row.experiment_id, parentRunId: row.parent_run_id } : null;
  }

  #requireActiveRun(runId: string): RunRow {
    const row = this.requireRunRow(runId);
    if (row.lifecycle_stage !== 'active') {
      throw new MlflowError('INVALID_PARAMETER_VALUE', `The run ${runId} must be in the 'active' state. Current state is ${row.lifecycle_stage}.`);
    }
    return row;
  }

  getRun(runId: string): Run | null {
    const row = this.#runRow(runId);
    return row ? this.#hydrate([row])[0] : null;
  }

  requireRun(runId: string): Run {
    const run = this.getRun(runId);
    if (!run) throw notFound(`Run with id=${runId} not found`);
    return run;
  }

  updateRun(runId: string, update: RunUpdate): RunInfo {
    if (update.status !== undefined && !RUN_STATUSES.includes(update.status)) throw invalid(`Invalid run status ${String(update.status)}: use one of ${RUN_STATUSES.join(', ')}.`);
    this.transaction(() => {
      this.#requireActiveRun(runId);
      if (update.status !== undefined) this.#run('UPDATE mlflow_runs SET status = ? WHERE run_id = ?', update.status, runId);
      if (update.endTime !== undefined && update.endTime !== null) this.#run('UPDATE mlflow_runs SET end_time = ? WHERE run_id = ?', update.endTime, runId);
      if (update.runName) {
        this.#run('UPDATE mlflow_runs SET run_name = ? WHERE run_id = ?', update.runName, runId);
        this.#run("INSERT INTO mlflow_run_tags (run_id, key, value) VALUES (?, 'mlflow.runName', ?) ON CONFLICT DO UPDATE SET value = excluded.value", runId, update.runName);
      }
    });
    return this.requireRun(runId).info;
  }

  deleteRun(runId: string): void {
    this.transaction(() => {
      this.requireRunRow(runId);
      this.#run("UPDATE mlflow_runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE run_id = ?", Date.now(), runId);
      this.#releaseArtifacts("owner_id = ?", runId);
    });
  }

  restoreRun(runId: string): void {
    this.transaction(() => {
      this.requireRunRow(runId);
      this.#run("UPDATE mlflow_runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_id = ?", runId);
      this.#keepArtifacts('run_id = ?', runId);
    });
  }

  /** A deleted run's files stay until `benchtop gc`, which frees them once the root is marked deleted. */
  #releaseArtifacts(where: string, arg: string): void {
    this.#run(`UPDATE catalog_artifact_roots SET deleted_at = ? WHERE owner_kind = 'mlflow_run' AND deleted_at IS NULL AND ${where}`, Date.now(), arg);
  }

  /** A restored run gets its files back unless a gc freed them meanwhile (then it has none). */
  #keepArtifacts(where: string, arg: string): void {
    this.#run(
      `UPDATE catalog_artifact_roots SET deleted_at = NULL WHERE owner_kind = 'mlflow_run' AND owner_id IN (SELECT run_id FROM mlflow_runs WHERE ${where})`,
      arg,
    );
    this.#run(
      `UPDATE mlflow_runs SET artifacts_tree = NULL WHERE ${where} AND artifacts_tree IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM catalog_artifact_roots a WHERE a.owner_kind = 'mlflow_run' AND a.owner_id = mlflow_runs.run_id AND a.tree_digest = mlflow_runs.artifacts_tree)`,
      arg,
    );
  }

  // ---- params, tags, metrics -----------------------------------------------------------------

  #checkTag(tag: KeyValue, path: string): void {
    checkKey('Tag key', tag?.key, `${path}.key`);
    if (typeof tag.value !== 'string') throw invalid(`Missing value for required parameter '${path}.value'.`);
    checkLength(`${path}.value`, tag.value, LIMITS.tagValueLength);
  }

  #checkParam(param: KeyValue, path: string): void {
    checkKey('Param key', param?.key, `${path}.key`);
    if (typeof param.value !== 'string') throw invalid(`Missing value for required parameter '${path}.value'.`);
    checkLength('Param value', param.value, LIMITS.paramValueLength);
  }

  #checkMetric(metric: MetricInput, path: string): void {
    checkKey('Metric name', metric?.key, `${path}.name`);
    if (typeof metric.value !== 'number') throw invalid(`Missing value for required parameter '${path}.value'.`);
    if (!Number.isInteger(metric.timestamp) || metric.timestamp < 0) {
      throw invalid(`Invalid value ${JSON.stringify(metric.timestamp)} for parameter '${path}.timestamp' supplied: metric '${metric.key}' (value=${metric.value}). Timestamp must be a nonnegative long (64-bit integer) `);
    }
    if (metric.step !== undefined && !Number.isInteger(metric.step)) {
      throw invalid(`Invalid value ${JSON.stringify(metric.step)} for parameter '${path}.step' supplied: metric '${metric.key}' (value=${metric.value}). Step must be a valid long (64-bit integer).`);
    }
  }

  /**
   * Metrics, params and tags in one transaction, all checked first: a param logged before with a
   * different value, a deleted run or a bad key fails the whole batch and writes nothing.
   */
  logBatch(runId: string, batch: Batch): void {
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    checkBatchCounts(metrics.length, params.length, tags.length);
    metrics.forEach((m, i) => this.#checkMetric(m, `metrics[${i}]`));
    params.forEach((p, i) => this.#checkParam(p, `params[${i}]`));
    tags.forEach((t, i) => this.#checkTag(t, `tags[${i}]`));
    // MLflow rejects a batch that logs one param key twice with different values.
    const seen = new Map<string, string>();
    for (const p of params) {
      const before = seen.get(p.key);
      if (before !== undefined && before !== p.value) throw invalid(`Duplicate parameter keys have been submitted: ['${p.key}']. Please ensure the request contains only one param value per param key.`);
      seen.set(p.key, p.value);
    }
    this.transaction(() => {
      this.#requireActiveRun(runId);
      if (params.length > 0) {
        const select = this.#prepare('SELECT value FROM mlflow_run_params WHERE run_id = ? AND key = ?');
        for (const p of params) {
          const stored = select.get(runId, p.key) as { value: string } | undefined;
          if (stored && stored.value !== p.value) {
            throw invalid(
              `Changing param values is not allowed. Params were already logged='[{'key': '${p.key}', 'old_value': '${stored.value}', 'new_value': '${p.value}'}]' for run ID='${runId}'.`,
            );
          }
        }
        const insert = this.#prepare('INSERT OR IGNORE INTO mlflow_run_params (run_id, key, value) VALUES (?, ?, ?)');
        for (const p of params) insert.run(runId, p.key, p.value);
      }
      if (metrics.length > 0) this.#insertMetrics(runId, metrics);
      if (tags.length > 0) {
        const upsert = this.#prepare('INSERT INTO mlflow_run_tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value');
        for (const t of tags) {
          upsert.run(runId, t.key, t.value);
          if (t.key === 'mlflow.runName') this.#run('UPDATE mlflow_runs SET run_name = ? WHERE run_id = ?', t.value, runId);
        }
      }
    });
  }

  #insertMetrics(runId: string, metrics: MetricInput[]): void {
    // Metrics tied to a logged model also land in the model's own history (MLflow 3).
    const insert = this.#prepare(
      'INSERT OR IGNORE INTO mlflow_metrics (run_id, key, step, timestamp, value, is_nan, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const m of metrics) {
      const { value, isNan } = storedValue(m.value);
      insert.run(runId, m.key, m.step ?? 0, m.timestamp, value, isNan, m.datasetName ?? '', m.datasetDigest ?? '');
      if (m.modelId) {
        this.#run(
          'INSERT OR IGNORE INTO mlflow_logged_model_metrics (model_id, key, step, timestamp, value, is_nan, run_id, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          m.modelId,
          m.key,
          m.step ?? 0,
          m.timestamp,
          value,
          isNan,
          runId,
          m.datasetName ?? '',
          m.datasetDigest ?? '',
        );
      }
    }
  }

  logMetric(runId: string, metric: MetricInput): void {
    this.logBatch(runId, { metrics: [metric] });
  }

  logParam(runId: string, param: KeyValue): void {
    this.logBatch(runId, { params: [param] });
  }

  setTag(runId: string, tag: KeyValue): void {
    this.logBatch(runId, { tags: [tag] });
  }

  deleteTag(runId: string, key: string): void {
    this.transaction(() => {
      this.#requireActiveRun(runId);
      if (this.#run('DELETE FROM mlflow_run_tags WHERE run_id = ? AND key = ?', runId, key) === 0) {
        throw notFound(`No tag with name: ${key} in run with id ${runId}`);
      }
    });
  }

  logInputs(runId: string, datasets: DatasetInput[], modelInputs: { model_id: string }[] = []): void {
    this.transaction(() => {
      const run = this.#requireActiveRun(runId);
      for (const input of datasets) {
        const d = input.dataset;
        if (!d?.name || !d.digest) throw invalid('A dataset input needs dataset.name and dataset.digest.');
        this.#run(
          `INSERT INTO mlflow_datasets (experiment_id, name, digest, source_type, source, schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
          run.experiment_id,
          d.name,
          d.digest,
          d.source_type ?? '',
          d.source ?? '',
          d.schema ?? null,
          d.profile ?? null,
        );
        const tags = Object.fromEntries((input.tags ?? []).map((t) => [t.key, t.value]));
        this.#run('INSERT INTO mlflow_run_inputs (run_id, name, digest, tags_json) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET tags_json = excluded.tags_json', runId, d.name, d.digest, JSON.stringify(tags));
      }
      for (const m of modelInputs) this.#run('INSERT OR IGNORE INTO mlflow_run_model_inputs (run_id, model_id) VALUES (?, ?)', runId, m.model_id);
    });
  }

  logOutputs(runId: string, models: { model_id: string; step?: number }[]): void {
    this.transaction(() => {
      this.#requireActiveRun(runId);
      for (const m of models) this.#run('INSERT INTO mlflow_run_outputs (run_id, model_id, step) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET step = excluded.step', runId, m.model_id, m.step ?? 0);
    });
  }

  /** A metric's full history, ordered by step then timestamp; paged with an offset token. */
  getMetricHistory(runId: string, key: string, options: { maxResults?: number; pageToken?: string | null } = {}): Page<Metric> {
    this.requireRunRow(runId);
    const max = Math.min(options.maxResults ?? MAX_HISTORY_PAGE, MAX_HISTORY_PAGE);
    const offset = decodePageToken(options.pageToken);
    const rows = this.#all<{ step: number; timestamp: number; value: number; is_nan: number }>(
      'SELECT step, timestamp, value, is_nan FROM mlflow_metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, value LIMIT ? OFFSET ?',
      runId,
      key,
      max + 1,
      offset,
    );
    const items = rows.slice(0, max).map((r) => ({ key, value: r.is_nan ? Number.NaN : r.value, timestamp: r.timestamp, step: r.step }));
    return { items, nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }

  /**
   * Histories of one metric over several runs, sampled to at most `maxResults` points per run
   * spread evenly over the steps (the first and last step always kept), as the UI's charts ask.
   */
  getMetricHistoryBulkInterval(runIds: string[], key: string, options: { maxResults?: number; startStep?: number; endStep?: number } = {}): (Metric & { run_id: string })[] {
    const max = options.maxResults ?? 320;
    const out: (Metric & { run_id: string })[] = [];
    for (const runId of runIds) {
      this.requireRunRow(runId);
      const steps = this.#all<{ step: number }>(
        'SELECT DISTINCT step FROM mlflow_metrics WHERE run_id = ? AND key = ? AND step >= ? AND step <= ? ORDER BY step',
        runId,
        key,
        options.startStep ?? Number.MIN_SAFE_INTEGER,
        options.endStep ?? Number.MAX_SAFE_INTEGER,
      ).map((r) => r.step);
      let chosen = steps;
      if (steps.length > max) {
        const picked = new Set<number>();
        for (let i = 0; i < max; i++) picked.add(steps[Math.round((i * (steps.length - 1)) / Math.max(1, max - 1))]);
        chosen = [...picked];
      }
      const wanted = new Set(chosen);
      const rows = this.#all<{ step: number; timestamp: number; value: number; is_nan: number }>(
        'SELECT step, timestamp, value, is_nan FROM mlflow_metrics WHERE run_id = ? AND key = ? AND step >= ? AND step <= ? ORDER BY step, timestamp',
        runId,
        key,
        chosen[0] ?? 0,
        chosen.at(-1) ?? -1,
      );
      for (const r of rows) if (wanted.has(r.step)) out.push({ run_id: runId, key, value: r.is_nan ? Number.NaN : r.value, timestamp: r.timestamp, step: r.step });
    }
    return out;
  }

  // ---- search --------------------------------------------------------------------------------

  searchRuns(search: RunSearch): Page<Run> {
    const max = search.maxResults ?? 1000;
    if (!Number.isInteger(max) || max < 1 || max > MAX_RUNS_PER_PAGE) {
      throw invalid(`Invalid value ${max} for parameter 'max_results' supplied. It must be at most ${MAX_RUNS_PER_PAGE}, but got value ${max}`);
    }
    const offset = decodePageToken(search.pageToken);
    const { sql, args } = compileRunSearch({ ...search, viewType: search.viewType ?? 'ACTIVE_ONLY' });
    const rows = this.#all<RunRow>(`${sql} LIMIT ? OFFSET ?`, ...args, max + 1, offset);
    const items = this.#hydrate(rows.slice(0, max));
    return { items, nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }

  /** Fills runs' data with one query per table for the whole page. */
  #hydrate(rows: RunRow[]): Run[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.run_id));
    const byRun = <T extends { run_id: string }>(list: T[]) => {
      const map = new Map<string, T[]>();
      for (const item of list) {
        let bucket = map.get(item.run_id);
        if (!bucket) map.set(item.run_id, (bucket = []));
        bucket.push(item);
      }
      return map;
    };
    const inIds = 'run_id IN (SELECT value FROM json_each(?))';
    const metrics = byRun(this.#all<{ run_id: string; key: string; value: number; is_nan: number; step: number; timestamp: number }>(`SELECT run_id, key, value, is_nan, step, timestamp FROM mlflow_run_latest_metrics WHERE ${inIds}`, ids));
    const params = byRun(this.#all<{ run_id: string; key: string; value: string }>(`SELECT run_id, key, value FROM mlflow_run_params WHERE ${inIds}`, ids));
    const tags = byRun(this.#all<{ run_id: string; key: string; value: string }>(`SELECT run_id, key, value FROM mlflow_run_tags WHERE ${inIds}`, ids));
    const inputs = byRun(
      this.#all<{ run_id: string; name: string; digest: string; tags_json: string; source_type: string | null; source: string | null; schema: string | null; profile: string | null }>(
        `SELECT i.run_id, i.name, i.digest, i.tags_json, d.source_type, d.source, d.schema, d.profile FROM mlflow_run_inputs i
         JOIN mlflow_runs r ON r.run_id = i.run_id LEFT JOIN mlflow_datasets d ON d.experiment_id = r.experiment_id AND d.name = i.name AND d.digest = i.digest
         WHERE i.run_id IN (SELECT value FROM json_each(?))`,
        ids,
      ),
    );
    const outputs = byRun(this.#all<{ run_id: string; model_id: string; step: number }>(`SELECT run_id, model_id, step FROM mlflow_run_outputs WHERE ${inIds}`, ids));
    const modelInputs = byRun(this.#all<{ run_id: string; model_id: string }>(`SELECT run_id, model_id FROM mlflow_run_model_inputs WHERE ${inIds}`, ids));
    return rows.map((row) => {
      return {
        info: {
          run_id: row.run_id,
          run_uuid: row.run_id,
          run_name: row.run_name ?? '',
          experiment_id: row.experiment_id,
          user_id: row.user_id ?? '',
          status: row.status as RunStatus,
          start_time: row.start_time,
          end_time: row.end_time,
          artifact_uri: row.artifact_uri ?? '',
          lifecycle_stage: row.lifecycle_stage as LifecycleStage,
        },
        data: {
          metrics: (metrics.get(row.run_id) ?? []).map((m) => ({ key: m.key, value: m.is_nan ? Number.NaN : m.value, timestamp: m.timestamp, step: m.step })),
          params: (params.get(row.run_id) ?? []).map((p) => ({ key: p.key, value: p.value })),
          tags: (tags.get(row.run_id) ?? []).map((t) => ({ key: t.key, value: t.value })),
        },
        inputs: {
          dataset_inputs: (inputs.get(row.run_id) ?? []).map((i) => ({
            tags: Object.entries(JSON.parse(i.tags_json) as Record<string, string>).map(([key, value]) => ({ key, value })),
            dataset: {
              name: i.name,
              digest: i.digest,
              source_type: i.source_type ?? '',
              source: i.source ?? '',
              ...(i.schema !== null ? { schema: i.schema } : {}),
              ...(i.profile !== null ? { profile: i.profile } : {}),
            },
          })),
          model_inputs: (modelInputs.get(row.run_id) ?? []).map((m) => ({ model_id: m.model_id })),
        },
        outputs: { model_outputs: (outputs.get(row.run_id) ?? []).map((o) => ({ model_id: o.model_id, step: o.step })) },
      };
    });
  }

  // ---- logged models (MLflow 3) --------------------------------------------------------------

  createLoggedModel(input: { experimentId: string; name?: string | null; sourceRunId?: string | null; modelType?: string | null; tags?: KeyValue[]; params?: KeyValue[] }): LoggedModel {
    const modelId = `m-${randomUUID().replaceAll('-', '')}`;
    (input.tags ?? []).forEach((t, i) => this.#checkTag(t, `tags[${i}]`));
    (input.params ?? []).forEach((p, i) => this.#checkParam(p, `params[${i}]`));
    this.transaction(() => {
      const experiment = this.requireExperiment(String(input.experimentId));
      if (experiment.lifecycle_stage !== 'active') throw invalid(`The experiment ${experiment.experiment_id} must be in the 'active' state. Current state is ${experiment.lifecycle_stage}.`);
      if (input.sourceRunId) this.requireRunRow(input.sourceRunId);
      const now = Date.now();
      const base = experiment.artifact_location.replace(/\/+$/, '');
      this.#run(
        "INSERT INTO mlflow_logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp, last_updated_timestamp, model_type, source_run_id, status, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '1', 'active')",
        modelId,
        experiment.experiment_id,
        input.name || randomRunName(),
        `${base}/models/${modelId}/artifacts`,
        now,
        now,
        input.modelType ?? null,
        input.sourceRunId ?? null,
      );
      for (const t of input.tags ?? []) this.#run('INSERT OR REPLACE INTO mlflow_logged_model_tags (model_id, key, value) VALUES (?, ?, ?)', modelId, t.key, t.value);
      for (const p of input.params ?? []) this.#run('INSERT OR REPLACE INTO mlflow_logged_model_params (model_id, key, value) VALUES (?, ?, ?)', modelId, p.key, p.value);
    });
    return this.requireLoggedModel(modelId);
  }

  getLoggedModel(modelId: string): LoggedModel | null {
    const row = this.#get<Record<string, string | number | null>>("SELECT * FROM mlflow_logged_models WHERE model_id = ? AND coalesce(lifecycle_stage, 'active') <> 'deleted'", modelId);
    if (!row) return null;
    const metrics = this.#all<{ key: string; value: number; is_nan: number; step: number; timestamp: number; run_id: string; dataset_name: string; dataset_digest: string }>(
      'SELECT * FROM mlflow_logged_model_metrics WHERE model_id = ? ORDER BY key, step, timestamp',
      modelId,
    );
    return {
      info: {
        model_id: String(row.model_id),
        experiment_id: String(row.experiment_id),
        name: String(row.name),
        artifact_uri: String(row.artifact_location ?? ''),
        creation_timestamp_ms: row.creation_timestamp as number | null,
        last_updated_timestamp_ms: row.last_updated_timestamp as number | null,
        status: loggedModelStatusName(row.status),
        ...(row.status_message ? { status_message: String(row.status_message) } : {}),
        ...(row.model_type ? { model_type: String(row.model_type) } : {}),
        ...(row.source_run_id ? { source_run_id: String(row.source_run_id) } : {}),
        lifecycle_stage: String(row.lifecycle_stage ?? 'active'),
        tags: this.#all<KeyValue>('SELECT key, value FROM mlflow_logged_model_tags WHERE model_id = ? ORDER BY key', modelId),
      },
      data: {
        params: this.#all<KeyValue>('SELECT key, value FROM mlflow_logged_model_params WHERE model_id = ? ORDER BY key', modelId),
        metrics: metrics.map((m) => ({
          key: m.key,
          value: m.is_nan ? Number.NaN : m.value,
          timestamp: m.timestamp,
          step: m.step,
          ...(m.run_id ? { run_id: m.run_id } : {}),
          ...(m.dataset_name ? { dataset_name: m.dataset_name, dataset_digest: m.dataset_digest } : {}),
          model_id: modelId,
        })),
      },
    };
  }

  requireLoggedModel(modelId: string): LoggedModel {
    const model = this.getLoggedModel(modelId);
    if (!model) throw notFound(`Logged model with ID '${modelId}' not found.`);
    return model;
  }

  /** The logged model's artifact tree digest (content store), or null. */
  loggedModelTree(modelId: string): string | null {
    return this.#get<{ artifacts_tree: string | null }>('SELECT artifacts_tree FROM mlflow_logged_models WHERE model_id = ?', modelId)?.artifacts_tree ?? null;
  }

  /** status: READY, FAILED or PENDING, bare or as the proto names them (LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED…). */
  finalizeLoggedModel(modelId: string, status: string): LoggedModel {
    const code = LOGGED_MODEL_STATUS_CODES[status];
    if (!code) throw invalid(`Invalid logged model status ${status}: use LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
    this.transaction(() => {
      this.requireLoggedModel(modelId);
      this.#run('UPDATE mlflow_logged_models SET status = ?, last_updated_timestamp = ? WHERE model_id = ?', code, Date.now(), modelId);
    });
    return this.requireLoggedModel(modelId);
  }

  deleteLoggedModel(modelId: string): void {
    this.transaction(() => {
      this.requireLoggedModel(modelId);
      this.#run("UPDATE mlflow_logged_models SET lifecycle_stage = 'deleted', last_updated_timestamp = ? WHERE model_id = ?", Date.now(), modelId);
      this.#run("UPDATE catalog_artifact_roots SET deleted_at = ? WHERE owner_kind = 'mlflow_logged_model' AND owner_id = ? AND deleted_at IS NULL", Date.now(), modelId);
    });
  }

  setLoggedModelTags(modelId: string, tags: KeyValue[]): void {
    tags.forEach((t, i) => this.#checkTag(t, `tags[${i}]`));
    this.transaction(() => {
      this.requireLoggedModel(modelId);
      for (const t of tags) this.#run('INSERT INTO mlflow_logged_model_tags (model_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value', modelId, t.key, t.value);
    });
  }

  deleteLoggedModelTag(modelId: string, key: string): void {
    this.transaction(() => {
      this.requireLoggedModel(modelId);
      if (this.#run('DELETE FROM mlflow_logged_model_tags WHERE model_id = ? AND key = ?', modelId, key) === 0) throw notFound(`No tag with key '${key}' found for model with ID '${modelId}'.`);
    });
  }

  logLoggedModelParams(modelId: string, params: KeyValue[]): void {
    params.forEach((p, i) => this.#checkParam(p, `params[${i}]`));
    this.transaction(() => {
      this.requireLoggedModel(modelId);
      for (const p of params) this.#run('INSERT OR REPLACE INTO mlflow_logged_model_params (model_id, key, value) VALUES (?, ?, ?)', modelId, p.key, p.value);
    });
  }

  searchLoggedModels(options: { experimentIds: string[]; maxResults?: number; pageToken?: string | null; filter?: string; orderBy?: { field_name: string; ascending?: boolean }[] }): Page<LoggedModel> {
    const max = options.maxResults ?? 100;
    const offset = decodePageToken(options.pageToken);
    const where = ["coalesce(lifecycle_stage, 'active') <> 'deleted'", 'experiment_id IN (SELECT value FROM json_each(?))'];
    const args: SQLInputValue[] = [JSON.stringify(options.experimentIds.map(String))];
    for (const clause of (options.filter ?? '').split(/\s+AND\s+/i).filter((c) => c.trim() !== '')) {
      const match = /^\s*(name|model_id|status|source_run_id)\s*(=|!=|LIKE)\s*['"](.*)['"]\s*$/i.exec(clause);
      if (!match) throw invalid(`Unsupported logged model filter "${clause}": use name, model_id, status or source_run_id with =, != or LIKE.`);
      const field = match[1].toLowerCase();
      where.push(`${field} ${match[2].toUpperCase()} ?`);
      args.push(field === 'status' ? (LOGGED_MODEL_STATUS_CODES[match[3].toUpperCase()] ?? match[3]) : match[3]);
    }
    const order = (options.orderBy ?? []).map((o) => {
      const column = { name: 'name', creation_timestamp: 'creation_timestamp', last_updated_timestamp: 'last_updated_timestamp', model_id: 'model_id' }[o.field_name];
      if (!column) throw invalid(`Unsupported order_by field "${o.field_name}" for logged models.`);
      return `${column} ${o.ascending === false ? 'DESC' : 'ASC'}`;
    });
    const rows = this.#all<{ model_id: string }>(
      `SELECT model_id FROM mlflow_logged_models WHERE ${where.join(' AND ')} ORDER BY ${[...order, 'creation_timestamp DESC', 'model_id'].join(', ')} LIMIT ? OFFSET ?`,
      ...args,
      max + 1,
      offset,
    );
    return { items: rows.slice(0, max).map((r) => this.requireLoggedModel(r.model_id)), nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }
}

/** Logged model status as MLflow's stores keep it (the file store's integers) and as proto JSON names it. */
const LOGGED_MODEL_STATUS_CODES: Readonly<Record<string, string>> = {
  PENDING: '1',
  READY: '2',
  FAILED: '3',
  LOGGED_MODEL_PENDING: '1',
  LOGGED_MODEL_READY: '2',
  LOGGED_MODEL_UPLOAD_FAILED: '3',
};
const LOGGED_MODEL_STATUS_NAMES = ['LOGGED_MODEL_STATUS_UNSPECIFIED', 'LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'];

function loggedModelStatusName(stored: string | number | null): string {
  if (stored === null) return LOGGED_MODEL_STATUS_NAMES[0];
  const text = String(stored);
  if (/^\d$/.test(text)) return LOGGED_MODEL_STATUS_NAMES[Number(text)] ?? LOGGED_MODEL_STATUS_NAMES[0];
  const code = LOGGED_MODEL_STATUS_CODES[text.toUpperCase()];
  return code ? LOGGED_MODEL_STATUS_NAMES[Number(code)] : LOGGED_MODEL_STATUS_NAMES[0];
}

function lifecycleWhere(viewType: ViewType, column: string): string {
  if (viewType === 'ALL') return '1 = 1';
  return viewType === 'DELETED_ONLY' ? `${column} = 'deleted'` : `${column} = 'active'`;
}

interface ExperimentClause {
  field: 'name' | 'tag' | 'creation_time' | 'last_update_time';
  key: string;
  op: string;
  value: string;
}

/** search_experiments' filter: `name LIKE 'x%'`, `tags.k = 'v'`, `creation_time > 123`. */
function parseExperimentFilter(text: string): ExperimentClause[] {
  return text
    .split(/\s+AND\s+/i)
    .filter((c) => c.trim() !== '')
    .map((clause) => {
      const match = /^\s*(?:attributes?\.)?(name|creation_time|last_update_time|tags?\.(?:`[^`]+`|"[^"]+"|[\w.\-/:]+))\s*(=|!=|<=|>=|<|>|LIKE|ILIKE)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+))\s*$/i.exec(clause);
      if (!match) throw invalid(`Invalid filter '${clause}': use name, creation_time, last_update_time or tags.<key> with a comparator and a value.`);
      const field = match[1];
      const value = match[3] ?? match[4] ?? match[5];
      const op = match[2].toUpperCase();
      if (field.toLowerCase().startsWith('tag')) {
        const key = field.slice(field.indexOf('.') + 1).replace(/^[`"]|[`"]$/g, '');
        return { field: 'tag', key, op, value };
      }
      return { field: field as ExperimentClause['field'], key: '', op, value };
    });
}

function experimentOrder(orderBy: string[]): string {
  const parts = orderBy.map((entry) => {
    const match = /^\s*(?:attributes?\.)?(name|experiment_id|creation_time|last_update_time)\s*(ASC|DESC)?\s*$/i.exec(entry);
    if (!match) throw invalid(`Invalid order_by clause '${entry}': use name, experiment_id, creation_time or last_update_time, optionally with ASC or DESC.`);
    const column = match[1] === 'experiment_id' ? 'CAST(experiment_id AS INTEGER)' : match[1];
    return `${column} ${(match[2] ?? 'ASC').toUpperCase()}`;
  });
  if (!orderBy.some((o) => /creation_time/.test(o))) parts.push('creation_time DESC');
  parts.push('experiment_id ASC');
  return parts.join(', ');
}
