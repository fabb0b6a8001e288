import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { ApiError } from '../../../../shared/api/errors.ts';
import {
  RUN_STATUSES,
  type LifecycleStage,
  type MlflowDatasetInput,
  type MlflowExperiment,
  type MlflowLoggedModel,
  type MlflowModelVersion,
  type MlflowRegisteredModel,
  type MlflowRun,
  type MlflowSnapshot,
  type RunStatus,
  type SkippedEntry,
} from './model.ts';

const REQUIRED_TABLES = ['alembic_version', 'experiments', 'runs', 'metrics', 'params', 'tags'];

type Row = Record<string, unknown>;

/**
 * Reads an MLflow SQLAlchemy database (`mlflow.db`) read-only and immutable, so SQLite never
 * writes to it (no journal, no WAL). Handles the 1.x–2.x schemas: optional columns and tables
 * (creation_time, deleted_time, storage_location, registered_model_aliases, datasets/inputs) are
 * read when present.
 */
export function readSqliteStore(path: string): MlflowSnapshot {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new ApiError('invalid_input', `${file} does not exist. Name an mlflow.db file or an mlruns folder.`);
  if (!hasSqliteHeader(file)) {
    throw new ApiError('invalid_input', `${file} is not an SQLite database (its first bytes are not "SQLite format 3"). Name MLflow's mlflow.db file or an mlruns folder.`);
  }
  const url = `${pathToFileURL(file).href}?mode=ro&immutable=1`;
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(new URL(url), { readOnly: true });
  } catch (error) {
    throw new ApiError('invalid_input', `${file} cannot be opened as SQLite: ${(error as Error).message}.`);
  }
  try {
    return readDatabase(db, file);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('invalid_input', `${file}: reading it as an MLflow database failed: ${(error as Error).message}. Is it a complete, uncorrupted copy?`);
  } finally {
    db.close();
  }
}

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

function readDatabase(db: DatabaseSync, file: string): MlflowSnapshot {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    throw new ApiError('invalid_input', `${file} is an SQLite database but not an MLflow tracking store: it lacks the table${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Name the database MLflow's --backend-store-uri points at.`);
  }
  const columns = (table: string) => new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  // Integers as BigInt: MLflow experiment ids can pass 2^53; every read below converts explicitly.
  const all = (sql: string): Row[] => {
    const statement = db.prepare(sql);
    statement.setReadBigInts(true);
    return statement.all() as Row[];
  };
  const revision = (db.prepare('SELECT version_num FROM alembic_version').get() as { version_num: string } | undefined)?.version_num ?? null;
  const skipped: SkippedEntry[] = [];

  const experimentColumns = columns('experiments');
  const experimentTags = groupPairs(tables.has('experiment_tags') ? all('SELECT experiment_id, key, value FROM experiment_tags') : [], 'experiment_id');
  const experiments: MlflowExperiment[] = all('SELECT * FROM experiments ORDER BY experiment_id').map((row) => ({
    experimentId: String(row.experiment_id),
    name: String(row.name),
    artifactLocation: text(row.artifact_location),
    lifecycleStage: stage(row.lifecycle_stage),
    creationTime: experimentColumns.has('creation_time') ? int(row.creation_time) : null,
    lastUpdateTime: experimentColumns.has('last_update_time') ? int(row.last_update_time) : null,
    tags: experimentTags.get(String(row.experiment_id)) ?? {},
    extra: {},
  }));

  const params = groupPairs(all('SELECT run_uuid, key, value FROM params'), 'run_uuid');
  const tags = groupPairs(all('SELECT run_uuid, key, value FROM tags'), 'run_uuid');
  const metrics = new Map<string, MlflowRun['metrics']>();
  for (const row of all('SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics ORDER BY run_uuid, key, timestamp, step')) {
    const list = metrics.get(String(row.run_uuid)) ?? [];
    const isNan = Number(row.is_nan) === 1;
    list.push({ key: String(row.key), value: isNan ? 0 : Number(row.value), isNan, timestamp: Number(row.timestamp), step: Number(row.step ?? 0), datasetName: null, datasetDigest: null });
    metrics.set(String(row.run_uuid), list);
  }
  const inputs = readInputs(tables, all);
  const runColumns = columns('runs');
  let missingArtifacts = 0;
  const runs: MlflowRun[] = all('SELECT * FROM runs ORDER BY experiment_id, start_time, run_uuid').map((row) => {
    const runId = String(row.run_uuid);
    const runTags = tags.get(runId) ?? {};
    const status = String(row.status ?? 'RUNNING');
    const experimentId = String(row.experiment_id);
    const artifactUri = text(row.artifact_uri);
    const artifactsDir = findArtifacts(file, artifactUri, experimentId, runId);
    if (artifactUri && !artifactsDir) missingArtifacts += 1;
    return {
      runId,
      experimentId,
      runName: (runColumns.has('name') ? text(row.name) : null) || runTags['mlflow.runName'] || null,
      userId: text(row.user_id),
      status: (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : 'RUNNING',
      startTime: int(row.start_time),
      endTime: int(row.end_time),
      artifactUri,
      lifecycleStage: stage(row.lifecycle_stage),
      deletedTime: runColumns.has('deleted_time') ? int(row.deleted_time) : null,
      params: params.get(runId) ?? {},
      tags: runTags,
      metrics: metrics.get(runId) ?? [],
      inputs: inputs.get(runId) ?? [],
      outputs: [],
      extra: {},
      artifactsDir,
    };
  });
  if (missingArtifacts > 0) {
    skipped.push({ path: file, reason: `artifacts of ${missingArtifacts} run(s) not found on this machine (their artifact_uri points elsewhere); runs imported without files` });
  }
  const loggedModels = readLoggedModels(file, tables, all);
  return { kind: 'sqlite', path: file, root: null, schemaRevision: revision, experiments, runs, loggedModels, registeredModels: readRegistry(tables, columns, all), skipped };
}

/** MLflow 3's logged models (tables logged_models, logged_model_params/_tags/_metrics), with their local artifacts. */
function readLoggedModels(file: string, tables: Set<string>, all: (sql: string) => Row[]): MlflowLoggedModel[] {
  if (!tables.has('logged_models')) return [];
  const pairs = (table: string, key: string, value: string) => {
    const map = new Map<string, Record<string, string>>();
    if (!tables.has(table)) return map;
    for (const row of all(`SELECT model_id, ${key} AS k, ${value} AS v FROM ${table}`)) {
      const entry = map.get(String(row.model_id)) ?? {};
      entry[String(row.k)] = row.v === null || row.v === undefined ? '' : String(row.v);
      map.set(String(row.model_id), entry);
    }
    return map;
  };
  const params = pairs('logged_model_params', 'param_key', 'param_value');
  const tags = pairs('logged_model_tags', 'tag_key', 'tag_value');
  const metrics = new Map<string, MlflowLoggedModel['metrics']>();
  if (tables.has('logged_model_metrics')) {
    for (const row of all('SELECT * FROM logged_model_metrics ORDER BY model_id, metric_name, metric_timestamp_ms, metric_step')) {
      const list = metrics.get(String(row.model_id)) ?? [];
      const isNan = row.metric_value === null;
      list.push({
        key: String(row.metric_name),
        value: isNan ? 0 : Number(row.metric_value),
        isNan,
        timestamp: Number(row.metric_timestamp_ms),
        step: Number(row.metric_step ?? 0),
        datasetName: text(row.dataset_name),
        datasetDigest: text(row.dataset_digest),
        runId: text(row.run_id),
      });
      metrics.set(String(row.model_id), list);
    }
  }
  return all('SELECT * FROM logged_models ORDER BY experiment_id, creation_timestamp_ms, model_id').map((row) => {
    const modelId = String(row.model_id);
    const experimentId = String(row.experiment_id);
    const artifactLocation = text(row.artifact_location);
    return {
      modelId,
      experimentId,
      name: String(row.name),
      artifactLocation,
      creationTimestamp: int(row.creation_timestamp_ms),
      lastUpdatedTimestamp: int(row.last_updated_timestamp_ms),
      modelType: text(row.model_type),
      sourceRunId: text(row.source_run_id),
      status: row.status === null || row.status === undefined ? null : String(row.status),
      statusMessage: text(row.status_message),
      lifecycleStage: row.lifecycle_stage === null ? null : stage(row.lifecycle_stage),
      params: params.get(modelId) ?? {},
      tags: tags.get(modelId) ?? {},
      metrics: metrics.get(modelId) ?? [],
      extra: {},
      artifactsDir: findModelArtifacts(file, artifactLocation, experimentId, modelId),
    };
  });
}

function findModelArtifacts(dbFile: string, location: string | null, experimentId: string, modelId: string): string | null {
  const candidates: string[] = [];
  if (location?.startsWith('file:')) {
    try {
      candidates.push(fileURLToPath(location));
    } catch {
      // not a local file URI
    }
  } else if (location && !/^[a-z][a-z0-9+.-]*:/i.test(location)) candidates.push(resolve(dirname(dbFile), location));
  for (const folder of ['mlruns', 'mlartifacts']) candidates.push(join(dirname(dbFile), folder, experimentId, 'models', modelId, 'artifacts'));
  return candidates.find((c) => existsSync(c) && statSync(c).isDirectory()) ?? null;
}

function readInputs(tables: Set<string>, all: (sql: string) => Row[]): Map<string, MlflowDatasetInput[]> {
  const byRun = new Map<string, MlflowDatasetInput[]>();
  if (!tables.has('inputs') || !tables.has('datasets')) return byRun;
  const inputTags = groupPairs(tables.has('input_tags') ? all('SELECT input_uuid, name AS key, value FROM input_tags') : [], 'input_uuid');
  const rows = all(
    `SELECT i.input_uuid, i.destination_id, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
     FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
     WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'`,
  );
  for (const row of rows) {
    const list = byRun.get(String(row.destination_id)) ?? [];
    list.push({
      name: String(row.name),
      digest: String(row.digest),
      sourceType: String(row.dataset_source_type),
      source: String(row.dataset_source),
      schema: text(row.dataset_schema),
      profile: text(row.dataset_profile),
      tags: inputTags.get(String(row.input_uuid)) ?? {},
    });
    byRun.set(String(row.destination_id), list);
  }
  return byRun;
}

function readRegistry(tables: Set<string>, columns: (table: string) => Set<string>, all: (sql: string) => Row[]): MlflowRegisteredModel[] {
  if (!tables.has('registered_models') || !tables.has('model_versions')) return [];
  const modelTags = groupPairs(tables.has('registered_model_tags') ? all('SELECT name, key, value FROM registered_model_tags') : [], 'name');
  const versionTags = groupPairs(
    tables.has('model_version_tags') ? all("SELECT name || char(0) || version AS owner, key, value FROM model_version_tags") : [],
    'owner',
  );
  const aliases = new Map<string, Record<string, number>>();
  if (tables.has('registered_model_aliases')) {
    for (const row of all('SELECT name, alias, version FROM registered_model_aliases')) {
      const map = aliases.get(String(row.name)) ?? {};
      map[String(row.alias)] = Number(row.version);
      aliases.set(String(row.name), map);
    }
  }
  const versionColumns = columns('model_versions');
  const versions = new Map<string, MlflowModelVersion[]>();
  for (const row of all('SELECT * FROM model_versions ORDER BY name, version')) {
    const stageName = text(row.current_stage);
    const list = versions.get(String(row.name)) ?? [];
    list.push({
      version: Number(row.version),
      creationTimestamp: int(row.creation_time),
      lastUpdatedTimestamp: int(row.last_updated_time),
      description: text(row.description),
      userId: text(row.user_id),
      currentStage: stageName === 'Deleted_Internal' ? null : stageName,
      source: text(row.source),
      runId: text(row.run_id),
      runLink: text(row.run_link),
      status: text(row.status),
      statusMessage: text(row.status_message),
      storageLocation: versionColumns.has('storage_location') ? text(row.storage_location) : null,
      modelId: versionColumns.has('model_id') ? text(row.model_id) : null,
      deleted: stageName === 'Deleted_Internal',
      tags: versionTags.get(`${String(row.name)}\u0000${String(row.version)}`) ?? {},
    });
    versions.set(String(row.name), list);
  }
  return all('SELECT * FROM registered_models ORDER BY name').map((row) => ({
    name: String(row.name),
    description: text(row.description),
    creationTimestamp: int(row.creation_time),
    lastUpdatedTimestamp: int(row.last_updated_time),
    tags: modelTags.get(String(row.name)) ?? {},
    aliases: aliases.get(String(row.name)) ?? {},
    versions: versions.get(String(row.name)) ?? [],
  }));
}

/** A run's artifacts on this machine: its artifact_uri when it exists here, else the usual spots next to the database. */
function findArtifacts(dbFile: string, artifactUri: string | null, experimentId: string, runId: string): string | null {
  const candidates: string[] = [];
  if (artifactUri) {
    if (artifactUri.startsWith('file:')) {
      try {
        candidates.push(fileURLToPath(artifactUri));
      } catch {
        // not a local file URI
      }
    } else if (!/^[a-z][a-z0-9+.-]*:/i.test(artifactUri)) candidates.push(resolve(dirname(dbFile), artifactUri));
  }
  for (const folder of ['mlruns', 'mlartifacts']) candidates.push(join(dirname(dbFile), folder, experimentId, runId, 'artifacts'));
  return candidates.find((c) => existsSync(c) && statSync(c).isDirectory()) ?? null;
}

function groupPairs(rows: Row[], owner: string): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const id = String(row[owner]);
    const pairs = map.get(id) ?? {};
    pairs[String(row.key)] = row.value === null || row.value === undefined ? '' : String(row.value);
    map.set(id, pairs);
  }
  return map;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function int(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function stage(value: unknown): LifecycleStage {
  return value === 'deleted' ? 'deleted' : 'active';
}
