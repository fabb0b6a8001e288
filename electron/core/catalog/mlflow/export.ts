import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../../../shared/api/errors.ts';
import type { ModelVersion } from '../../../../shared/catalog/model.ts';
import type { Store } from '../../store/database.ts';
import type { CatalogStore } from '../catalog-store.ts';
import { formatMetaYaml } from './meta-yaml.ts';
import { runStatusToInt, type RunStatus } from './model.ts';
import { formatPythonFloat } from './python-float.ts';

export interface ExportSummary {
  target: string;
  experiments: number;
  runs: number;
  loggedModels: number;
  registeredModels: number;
  versions: number;
  metricPoints: number;
  artifactFiles: number;
  durationMs: number;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

type Row = Record<string, string | number | null>;

/**
 * Writes the catalog's MLflow data as an mlruns folder in MLflow 2.x file-store layout (see
 * README): built next to the target and renamed into place, so a failed or cancelled export
 * leaves nothing behind. The target must not exist or be empty.
 */
export async function exportMlflow(store: Store, catalog: CatalogStore, target: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const started = performance.now();
  const final = resolve(target);
  if (existsSync(final) && readdirSync(final).length > 0) {
    throw new ApiError('conflict', `${final} is not empty: export into a new or empty folder (nothing was written).`);
  }
  const work = `${final}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(work, { recursive: true });
  try {
    const summary = await writeTree(store, catalog, work, final, options);
    if (existsSync(final)) rmdirSync(final);
    renameSync(work, final);
    summary.durationMs = Math.round(performance.now() - started);
    return summary;
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

const fileUri = (path: string) => pathToFileURL(path).href;

function writeValueFiles(dir: string, pairs: { key: string; value: string }[]): void {
  for (const { key, value } of pairs) {
    const file = join(dir, ...key.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, value);
  }
}

function writeMeta(dir: string, values: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta.yaml'), formatMetaYaml(values));
}

function extra(json: string | number | null): Record<string, unknown> {
  return typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : {};
}

async function writeTree(store: Store, catalog: CatalogStore, work: string, final: string, options: ExportOptions): Promise<ExportSummary> {
  const db = store.db;
  const all = (sql: string, ...args: (string | number)[]) => db.prepare(sql).all(...args) as Row[];
  const summary: ExportSummary = { target: final, experiments: 0, runs: 0, loggedModels: 0, registeredModels: 0, versions: 0, metricPoints: 0, artifactFiles: 0, durationMs: 0 };
  const experimentDir = new Map<string, string>();
  const runLocation = new Map<string, { experimentId: string; dir: string }>();

  const writeArtifacts = async (tree: string | number | null, dir: string) => {
    if (typeof tree !== 'string') return;
    for (const entry of catalog.treeEntries(tree)) {
      const file = join(dir, ...entry.path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      copyFileSync(catalog.files.blobPath(entry.digest), file);
      chmodSync(file, entry.mode & 0o111 ? 0o755 : 0o644);
      summary.artifactFiles += 1;
    }
  };

  for (const experiment of all('SELECT * FROM mlflow_experiments ORDER BY experiment_id')) {
    const id = String(experiment.experiment_id);
    const relative = experiment.lifecycle_stage === 'deleted' ? join('.trash', id) : id;
    const dir = join(work, relative);
    experimentDir.set(id, relative);
    writeMeta(dir, {
      ...extra(experiment.extra_json),
      artifact_location: fileUri(join(final, relative)),
      creation_time: experiment.creation_time,
      experiment_id: id,
      last_update_time: experiment.last_update_time,
      lifecycle_stage: experiment.lifecycle_stage,
      name: experiment.name,
    });
    writeValueFiles(join(dir, 'tags'), all('SELECT key, value FROM mlflow_experiment_tags WHERE experiment_id = ? ORDER BY key', id) as { key: string; value: string }[]);
    for (const dataset of all('SELECT * FROM mlflow_datasets WHERE experiment_id = ?', id)) {
      writeMeta(join(dir, 'datasets', datasetId(String(dataset.name), String(dataset.digest))), {
        digest: dataset.digest,
        name: dataset.name,
        profile: dataset.profile,
        schema: dataset.schema,
        source: dataset.source,
        source_type: dataset.source_type,
      });
    }
    summary.experiments += 1;
  }

  const runs = all('SELECT * FROM mlflow_runs ORDER BY experiment_id, run_id');
  for (const [index, run] of runs.entries()) {
    if (index % 50 === 0) {
      options.onProgress?.(index, runs.length);
      options.signal?.throwIfAborted();
      await new Promise((done) => setImmediate(done));
    }
    const runId = String(run.run_id);
    const experimentId = String(run.experiment_id);
    const relative = join(experimentDir.get(experimentId) ?? experimentId, runId);
    const dir = join(work, relative);
    runLocation.set(runId, { experimentId, dir: relative });
    const meta: Record<string, unknown> = {
      ...extra(run.extra_json),
      artifact_uri: fileUri(join(final, relative, 'artifacts')),
      end_time: run.end_time,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: run.lifecycle_stage,
      run_id: runId,
      run_name: run.run_name ?? '',
      run_uuid: runId,
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: run.start_time,
      status: runStatusToInt(run.status as RunStatus),
      tags: [],
      user_id: run.user_id,
    };
    if (run.deleted_time !== null) meta.deleted_time = run.deleted_time;
    writeMeta(dir, meta);
    // MLflow 3's file store only recognises a run folder that has metrics/, params/ and artifacts/, even empty.
    for (const sub of ['metrics', 'params', 'tags', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
    writeValueFiles(join(dir, 'params'), all('SELECT key, value FROM mlflow_run_params WHERE run_id = ?', runId) as { key: string; value: string }[]);
    const tags = all('SELECT key, value FROM mlflow_run_tags WHERE run_id = ?', runId) as { key: string; value: string }[];
    if (run.run_name !== null && !tags.some((t) => t.key === 'mlflow.runName')) tags.push({ key: 'mlflow.runName', value: String(run.run_name) });
    writeValueFiles(join(dir, 'tags'), tags);
    summary.metricPoints += writeMetricFiles(join(dir, 'metrics'), all('SELECT * FROM mlflow_metrics WHERE run_id = ? ORDER BY key, timestamp, step, value', runId), false);
    for (const input of all('SELECT i.*, d.name AS dataset_name FROM mlflow_run_inputs i JOIN mlflow_datasets d ON d.name = i.name AND d.digest = i.digest AND d.experiment_id = ? WHERE i.run_id = ?', experimentId, runId)) {
      const dataset = datasetId(String(input.name), String(input.digest));
      writeMeta(join(dir, 'inputs', md5(dataset + runId)), {
        destination_id: runId,
        destination_type: 'RUN',
        source_id: dataset,
        source_type: 'DATASET',
        tags: JSON.parse(String(input.tags_json)) as unknown,
      });
    }
    for (const output of all('SELECT * FROM mlflow_run_outputs WHERE run_id = ?', runId)) {
      writeMeta(join(dir, 'outputs', String(output.model_id)), {
        destination_id: output.model_id,
        destination_type: 'MODEL_OUTPUT',
        source_id: output.model_id,
        source_type: 'RUN_OUTPUT',
        step: output.step,
        tags: {},
      });
    }
    await writeArtifacts(run.artifacts_tree, join(dir, 'artifacts'));
    summary.runs += 1;
  }

  for (const model of all('SELECT * FROM mlflow_logged_models ORDER BY model_id')) {
    const modelId = String(model.model_id);
    const relative = join(experimentDir.get(String(model.experiment_id)) ?? String(model.experiment_id), 'models', modelId);
    const dir = join(work, relative);
    const status = model.status !== null && /^\d+$/.test(String(model.status)) ? Number(model.status) : model.status;
    const meta: Record<string, unknown> = {
      ...extra(model.extra_json),
      artifact_location: fileUri(join(final, relative, 'artifacts')),
      creation_timestamp: model.creation_timestamp,
      experiment_id: String(model.experiment_id),
      last_updated_timestamp: model.last_updated_timestamp,
      model_id: modelId,
      model_type: model.model_type,
      name: model.name,
      source_run_id: model.source_run_id,
      status,
      status_message: model.status_message,
    };
    if (model.lifecycle_stage !== null) meta.lifecycle_stage = model.lifecycle_stage;
    writeMeta(dir, meta);
    // MLflow 3's file store only recognises a run folder that has metrics/, params/ and artifacts/, even empty.
    for (const sub of ['metrics', 'params', 'tags', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
    writeValueFiles(join(dir, 'params'), all('SELECT key, value FROM mlflow_logged_model_params WHERE model_id = ?', modelId) as { key: string; value: string }[]);
    writeValueFiles(join(dir, 'tags'), all('SELECT key, value FROM mlflow_logged_model_tags WHERE model_id = ?', modelId) as { key: string; value: string }[]);
    summary.metricPoints += writeMetricFiles(join(dir, 'metrics'), all('SELECT * FROM mlflow_logged_model_metrics WHERE model_id = ? ORDER BY key, timestamp, step, value', modelId), true);
    await writeArtifacts(model.artifacts_tree, join(dir, 'artifacts'));
    summary.loggedModels += 1;
  }

  for (const model of catalog.listModels({ limit: 1_000_000 })) {
    const dir = join(work, 'models', model.name);
    const versions = (db.prepare('SELECT id FROM model_versions WHERE name = ? AND deleted_at IS NULL ORDER BY version').all(model.name) as { id: number }[])
      .map((row) => catalog.getVersionById(row.id))
      .filter((v): v is ModelVersion => v !== null);
    writeMeta(dir, {
      aliases: Object.fromEntries(Object.entries(model.aliases).map(([alias, version]) => [alias, String(version)])),
      creation_timestamp: model.createdAt,
      description: model.description,
      last_updated_timestamp: model.updatedAt,
      name: model.name,
    });
    writeValueFiles(join(dir, 'tags'), Object.entries(model.tags).map(([key, value]) => ({ key, value })));
    writeValueFiles(join(dir, 'aliases'), Object.entries(model.aliases).map(([key, version]) => ({ key, value: String(version) })));
    for (const version of versions) {
      const ext = db.prepare('SELECT * FROM mlflow_model_versions WHERE version_id = ?').get(version.id) as Row | undefined;
      const source = ext?.source !== undefined && ext.source !== null ? String(ext.source) : version.source.uri;
      const runId = version.source.runId;
      const location = runId ? runLocation.get(runId) : undefined;
      const meta: Record<string, unknown> = {
        aliases: version.aliases,
        creation_timestamp: version.createdAt,
        current_stage: ext?.current_stage ?? 'None',
        description: version.description,
        last_updated_timestamp: ext?.last_updated_timestamp ?? version.updatedAt,
        name: model.name,
        run_id: runId,
        run_link: ext?.run_link ?? '',
        source: reroot(source, runId, location, final),
        status: version.status,
        status_message: ext?.status_message ?? null,
        storage_location: ext ? reroot((ext.storage_location as string | null) ?? null, runId, location, final) : reroot(source, runId, location, final),
        user_id: version.userId,
        version: version.version,
      };
      if (ext?.model_id) meta.model_id = ext.model_id;
      writeMeta(join(dir, `version-${version.version}`), meta);
      writeValueFiles(join(dir, `version-${version.version}`, 'tags'), Object.entries({ ...version.tags, ...feastBridgeTags(db, version) }).map(([key, value]) => ({ key, value })));
      summary.versions += 1;
    }
    summary.registeredModels += 1;
  }
  options.onProgress?.(runs.length, runs.length);
  return summary;
}

/** One line per point, as MLflow appends them: `timestamp value step` (logged models: `… run_id`), plus the dataset when set. */
function writeMetricFiles(dir: string, points: Row[], withRunId: boolean): number {
  const byKey = new Map<string, string[]>();
  for (const p of points) {
    const value = Number(p.is_nan) === 1 ? 'nan' : formatPythonFloat(Number(p.value));
    const fields = [String(p.timestamp), value, String(p.step)];
    if (withRunId) fields.push(String(p.run_id));
    if (p.dataset_name) fields.push(String(p.dataset_name), String(p.dataset_digest));
    const lines = byKey.get(String(p.key)) ?? [];
    lines.push(fields.join(' ') + '\n');
    byKey.set(String(p.key), lines);
  }
  writeValueFiles(dir, [...byKey].map(([key, lines]) => ({ key, value: lines.join('') })));
  return points.length;
}

/** A location inside the run's artifacts (file URI or bare path) moved to the exported run; `runs:/` and other URIs unchanged. */
function reroot(uri: string | null, runId: string | null, location: { dir: string } | undefined, final: string): string | null {
  if (!uri || !runId || !location) return uri;
  const marker = `/${runId}/artifacts`;
  const at = uri.indexOf(marker);
  if (at < 0 || uri.startsWith('runs:/') || uri.startsWith('models:/')) return uri;
  const rest = uri.slice(at + marker.length);
  return fileUri(join(final, location.dir, 'artifacts')) + rest;
}

/** MLflow's dataset id in the file store: md5 of name + digest. */
function datasetId(name: string, digest: string): string {
  return md5(name + digest);
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** The tags Feast's MLflow bridge reads: the feature views and `view:feature` refs a model version was trained on. */
export function feastBridgeTags(db: Store['db'], version: ModelVersion): Record<string, string> {
  if (version.features.length === 0) return {};
  const views = [...new Set(version.features.map((f) => f.name))].sort();
  const refs = views.flatMap((view) =>
    (db.prepare('SELECT name FROM features WHERE set_name = ? ORDER BY name').all(view) as { name: string }[]).map((f) => `${view}:${f.name}`),
  );
  return { 'feast.feature_views': views.join(','), ...(refs.length ? { 'feast.feature_refs': refs.join(',') } : {}) };
}
