import type { Store } from '../../store/database.ts';
import type { MetricPoint, MlflowDatasetInput } from './model.ts';

type Db = Store['db'];
/** A row as SQLite returns it (`SELECT *`). */
export type StoredRow = Record<string, unknown>;
type RowValues = Record<string, string | number | null>;

/**
 * The importer's data layer over the MLflow-shaped tables (mlflow_experiments, mlflow_runs,
 * mlflow_logged_models, mlflow_model_versions and their params, tags, metrics, inputs and outputs;
 * migration 5) and the two catalog lookups it needs. Every write says whether it changed anything,
 * so an import that finds nothing new reports "unchanged". The tables and their columns are shared
 * with the tracking server: this module adds no table and renames none.
 */
export class MlflowTables {
  readonly #db: Db;

  constructor(store: Store) {
    this.#db = store.db;
  }

  // ---- experiments ------------------------------------------------------------------------

  experimentByName(name: string): StoredRow | undefined {
    return this.#db.prepare('SELECT * FROM mlflow_experiments WHERE name = ?').get(name) as StoredRow | undefined;
  }

  experimentIdTaken(id: string): boolean {
    return this.#db.prepare('SELECT 1 FROM mlflow_experiments WHERE experiment_id = ?').get(id) !== undefined;
  }

  /** One above the highest numeric id; BigInt because MLflow ids reach 18 digits (past 2^53). */
  nextExperimentId(): string {
    const ids = (this.#db.prepare('SELECT experiment_id FROM mlflow_experiments').all() as { experiment_id: string }[]).map((r) => r.experiment_id).filter((id) => /^\d+$/.test(id));
    return String(ids.reduce((max, id) => (BigInt(id) > max ? BigInt(id) : max), 0n) + 1n);
  }

  upsertExperiment(row: RowValues, stored: StoredRow | undefined): boolean {
    return this.#upsertRow('mlflow_experiments', 'experiment_id', row, stored);
  }

  syncExperimentTags(experimentId: string, tags: Record<string, string>): boolean {
    return this.#syncPairs('mlflow_experiment_tags', 'experiment_id', experimentId, tags);
  }

  upsertDataset(experimentId: string, input: MlflowDatasetInput): void {
    this.#db
      .prepare(
        `INSERT INTO mlflow_datasets (experiment_id, name, digest, source_type, source, schema, profile) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET source_type = excluded.source_type, source = excluded.source, schema = excluded.schema, profile = excluded.profile`,
      )
      .run(experimentId, input.name, input.digest, input.sourceType, input.source, input.schema, input.profile);
  }

  // ---- runs -------------------------------------------------------------------------------

  runById(runId: string): StoredRow | undefined {
    return this.#db.prepare('SELECT * FROM mlflow_runs WHERE run_id = ?').get(runId) as StoredRow | undefined;
  }

  upsertRun(row: RowValues, stored: StoredRow | undefined): boolean {
    return this.#upsertRow('mlflow_runs', 'run_id', row, stored);
  }

  syncRunParams(runId: string, params: Record<string, string>): boolean {
    return this.#syncPairs('mlflow_run_params', 'run_id', runId, params);
  }

  syncRunTags(runId: string, tags: Record<string, string>): boolean {
    return this.#syncPairs('mlflow_run_tags', 'run_id', runId, tags);
  }

  /** Adds the points not there yet; returns how many were added. */
  addRunMetrics(runId: string, points: readonly MetricPoint[]): number {
    return this.#insertMetrics('mlflow_metrics', 'run_id', runId, points);
  }

  upsertRunInput(runId: string, input: MlflowDatasetInput): boolean {
    const result = this.#db
      .prepare('INSERT INTO mlflow_run_inputs (run_id, name, digest, tags_json) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET tags_json = excluded.tags_json WHERE tags_json <> excluded.tags_json')
      .run(runId, input.name, input.digest, JSON.stringify(input.tags));
    return Number(result.changes) > 0;
  }

  upsertRunOutput(runId: string, output: { modelId: string; step: number }): boolean {
    const result = this.#db
      .prepare('INSERT INTO mlflow_run_outputs (run_id, model_id, step) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET step = excluded.step WHERE step <> excluded.step')
      .run(runId, output.modelId, output.step);
    return Number(result.changes) > 0;
  }

  // ---- logged models (MLflow 3) -------------------------------------------------------------

  loggedModelById(modelId: string): StoredRow | undefined {
    return this.#db.prepare('SELECT * FROM mlflow_logged_models WHERE model_id = ?').get(modelId) as StoredRow | undefined;
  }

  upsertLoggedModel(row: RowValues, stored: StoredRow | undefined): boolean {
    return this.#upsertRow('mlflow_logged_models', 'model_id', row, stored);
  }

  syncLoggedModelParams(modelId: string, params: Record<string, string>): boolean {
    return this.#syncPairs('mlflow_logged_model_params', 'model_id', modelId, params);
  }

  syncLoggedModelTags(modelId: string, tags: Record<string, string>): boolean {
    return this.#syncPairs('mlflow_logged_model_tags', 'model_id', modelId, tags);
  }

  addLoggedModelMetrics(modelId: string, points: readonly (MetricPoint & { runId?: string | null })[]): number {
    return this.#insertMetrics('mlflow_logged_model_metrics', 'model_id', modelId, points);
  }

  // ---- registry: what MLflow says of a catalog version --------------------------------------

  modelVersionExtra(versionId: number): StoredRow | undefined {
    return this.#db.prepare('SELECT * FROM mlflow_model_versions WHERE version_id = ?').get(versionId) as StoredRow | undefined;
  }

  upsertModelVersionExtra(row: RowValues, stored: StoredRow | undefined): boolean {
    return this.#upsertRow('mlflow_model_versions', 'version_id', row, stored);
  }

  // ---- catalog lookups ------------------------------------------------------------------------

  /** The latest live version id of each feature set named (unknown names are left out). */
  latestFeatureSetVersionIds(names: readonly string[]): number[] {
    const latest = this.#db.prepare('SELECT id FROM feature_set_versions WHERE name = ? AND deleted_at IS NULL ORDER BY version DESC LIMIT 1');
    return names.map((name) => (latest.get(name) as { id: number } | undefined)?.id).filter((id): id is number => id !== undefined);
  }

  /** Any row (tombstones too: numbers are never reused), or with liveOnly a version that is not deleted. */
  modelVersionExists(name: string, version: number, options: { liveOnly?: boolean } = {}): boolean {
    const live = options.liveOnly ? ' AND deleted_at IS NULL' : '';
    return this.#db.prepare(`SELECT 1 FROM model_versions WHERE name = ? AND version = ?${live}`).get(name, version) !== undefined;
  }

  // ---- the three write shapes -------------------------------------------------------------------

  /** Inserts or updates one row; true when something was written. */
  #upsertRow(table: string, key: string, row: RowValues, stored: StoredRow | undefined): boolean {
    const columns = Object.keys(row);
    if (!stored) {
      this.#db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
      return true;
    }
    const differs = columns.filter((c) => (stored[c] ?? null) !== row[c]);
    if (differs.length === 0) return false;
    this.#db.prepare(`UPDATE ${table} SET ${differs.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`).run(...differs.map((c) => row[c]), row[key]);
    return true;
  }

  /** Makes the key/value rows of one owner equal `pairs`; true when something changed. */
  #syncPairs(table: string, owner: string, id: string, pairs: Record<string, string>): boolean {
    const stored = new Map((this.#db.prepare(`SELECT key, value FROM ${table} WHERE ${owner} = ?`).all(id) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const entries = Object.entries(pairs);
    if (stored.size === entries.length && entries.every(([k, v]) => stored.get(k) === v)) return false;
    this.#db.prepare(`DELETE FROM ${table} WHERE ${owner} = ?`).run(id);
    const insert = this.#db.prepare(`INSERT INTO ${table} (${owner}, key, value) VALUES (?, ?, ?)`);
    for (const [key, value] of entries) insert.run(id, key, value);
    return true;
  }

  /** Metric histories are sets: a point already there (same key, step, time, value) is not added twice. */
  #insertMetrics(table: string, owner: string, id: string, points: readonly (MetricPoint & { runId?: string | null })[]): number {
    const withRun = table === 'mlflow_logged_model_metrics';
    const insert = this.#db.prepare(
      withRun
        ? `INSERT OR IGNORE INTO ${table} (${owner}, key, step, timestamp, value, is_nan, run_id, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
        : `INSERT OR IGNORE INTO ${table} (${owner}, key, step, timestamp, value, is_nan, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const p of points) {
      const args = [id, p.key, p.step, p.timestamp, p.value, p.isNan ? 1 : 0, ...(withRun ? [p.runId ?? ''] : []), p.datasetName ?? '', p.datasetDigest ?? ''];
      added += Number(insert.run(...args).changes);
    }
    return added;
  }
}
