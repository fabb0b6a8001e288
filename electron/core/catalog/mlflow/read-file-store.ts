import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { ApiError } from '../../../../shared/api/errors.ts';
import { readMetaYaml, type MetaYaml } from './meta-yaml.ts';
import {
  runStatusFromInt,
  type LifecycleStage,
  type MetricPoint,
  type MlflowDatasetInput,
  type MlflowExperiment,
  type MlflowLoggedModel,
  type MlflowModelVersion,
  type MlflowRegisteredModel,
  type MlflowRun,
  type MlflowSnapshot,
  type SkippedEntry,
} from './model.ts';
import { parsePythonFloat } from './python-float.ts';

/** Folder names inside an experiment that are not runs. */
const EXPERIMENT_RESERVED = new Set(['tags', 'datasets', 'traces', 'models']);
const RUN_ENTRIES = new Set(['meta.yaml', 'params', 'metrics', 'tags', 'artifacts', 'inputs', 'outputs']);
const EXPERIMENT_KEYS = new Set(['experiment_id', 'name', 'artifact_location', 'lifecycle_stage', 'creation_time', 'last_update_time', 'tags']);
/** run meta.yaml keys: the ones we read, plus the legacy ones MLflow always writes with fixed values. */
const RUN_KEYS = new Set([
  'run_id', 'run_uuid', 'run_name', 'experiment_id', 'user_id', 'status', 'start_time', 'end_time', 'artifact_uri', 'lifecycle_stage',
  'deleted_time', 'source_type', 'source_name', 'entry_point_name', 'source_version', 'tags', 'name',
]);
const LOGGED_MODEL_KEYS = new Set([
  'experiment_id', 'model_id', 'name', 'artifact_location', 'creation_timestamp', 'last_updated_timestamp', 'model_type', 'source_run_id',
  'status', 'status_message', 'lifecycle_stage', 'tags', 'params', 'metrics',
]);

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Reads an mlruns folder (MLflow 1.x–3.x file store). Throws ApiError('invalid_input') on malformed data. */
export async function readFileStore(path: string, options: ReadOptions = {}): Promise<MlflowSnapshot> {
  const root = resolve(path);
  const skipped: SkippedEntry[] = [];
  const skip = (at: string, reason: string) => skipped.push({ path: relative(root, at).split(sep).join('/'), reason });
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ApiError('invalid_input', `${root} is not a folder. Name an mlruns folder or an mlflow.db file.`);
  }

  const experimentDirs: { dir: string; deleted: boolean }[] = [];
  for (const entry of list(root)) {
    const at = join(root, entry.name);
    if (entry.name === 'models' && entry.isDirectory()) continue;
    if (entry.name === '.trash' && entry.isDirectory()) {
      for (const trashed of list(at)) {
        const dir = join(at, trashed.name);
        if (trashed.isDirectory() && existsSync(join(dir, 'meta.yaml'))) experimentDirs.push({ dir, deleted: true });
        else skip(dir, 'not an experiment (no meta.yaml)');
      }
      continue;
    }
    if (entry.isDirectory() && existsSync(join(at, 'meta.yaml'))) experimentDirs.push({ dir: at, deleted: false });
    else skip(at, entry.isDirectory() ? 'not an experiment (no meta.yaml)' : 'stray file');
  }
  const registryDir = join(root, 'models');
  if (experimentDirs.length === 0 && !existsSync(registryDir)) {
    throw new ApiError('invalid_input', `${root} holds no MLflow experiment (no <id>/meta.yaml) and no models/ registry. Name the mlruns folder itself.`);
  }

  const experiments: MlflowExperiment[] = [];
  const runDirs: { dir: string; experiment: MlflowExperiment }[] = [];
  const loggedModelDirs: { dir: string; experiment: MlflowExperiment }[] = [];
  const datasetsByExperiment = new Map<string, Map<string, Omit<MlflowDatasetInput, 'tags'>>>();
  for (const { dir, deleted } of experimentDirs) {
    const meta = readMetaYaml(join(dir, 'meta.yaml'));
    const experimentId = meta.requiredString('experiment_id');
    const folder = dir.slice(dir.lastIndexOf(sep) + 1);
    if (experimentId !== folder) {
      skip(dir, `meta.yaml says experiment_id '${experimentId}' but the folder is '${folder}' (MLflow ignores such an experiment)`);
      continue;
    }
    const experiment: MlflowExperiment = {
      experimentId,
      name: meta.requiredString('name'),
      artifactLocation: meta.string('artifact_location'),
      lifecycleStage: deleted ? 'deleted' : lifecycle(meta, 'lifecycle_stage') ?? 'active',
      creationTime: meta.integer('creation_time'),
      lastUpdateTime: meta.integer('last_update_time'),
      tags: readValueFiles(join(dir, 'tags')),
      extra: meta.extra(EXPERIMENT_KEYS),
    };
    experiments.push(experiment);
    datasetsByExperiment.set(experimentId, readDatasets(join(dir, 'datasets')));
    for (const entry of list(dir)) {
      const at = join(dir, entry.name);
      if (!entry.isDirectory()) {
        if (entry.name !== 'meta.yaml') skip(at, 'stray file');
        continue;
      }
      if (entry.name === 'models') {
        for (const model of list(at)) {
          const modelDir = join(at, model.name);
          if (model.isDirectory() && existsSync(join(modelDir, 'meta.yaml'))) loggedModelDirs.push({ dir: modelDir, experiment });
          else skip(modelDir, 'not a logged model (no meta.yaml)');
        }
        continue;
      }
      if (EXPERIMENT_RESERVED.has(entry.name)) continue;
      if (existsSync(join(at, 'meta.yaml'))) runDirs.push({ dir: at, experiment });
      else skip(at, 'not a run (no meta.yaml)');
    }
  }

  const runs: MlflowRun[] = [];
  const total = runDirs.length + loggedModelDirs.length;
  for (const [index, { dir, experiment }] of runDirs.entries()) {
    if (index % 25 === 0) {
      options.onProgress?.(index, total);
      await yieldToLoop();
      options.signal?.throwIfAborted();
    }
    const run = readRun(dir, experiment, datasetsByExperiment.get(experiment.experimentId) ?? new Map(), skip);
    if (run) runs.push(run);
  }
  const loggedModels = loggedModelDirs.map(({ dir, experiment }) => readLoggedModel(dir, experiment, skip));
  options.onProgress?.(total, total);
  const registeredModels = existsSync(registryDir) ? readRegistry(registryDir, skip) : [];
  return { kind: 'mlruns', path: root, root, schemaRevision: null, experiments, runs, loggedModels, registeredModels, skipped };
}

function list(dir: string): Dirent[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function lifecycle(meta: MetaYaml, key: string): LifecycleStage | null {
  const value = meta.string(key);
  if (value === null) return null;
  if (value === 'active' || value === 'deleted') return value;
  return meta.fail(key, `"${key}" must be active or deleted, found "${value}".`);
}

/** params/ and tags/: one file per key, the body is the value; '/' in a key makes sub-folders. */
function readValueFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of walkFiles(dir)) out[relative(dir, file).split(sep).join('/')] = readFileSync(file, 'utf8');
  return out;
}

function walkFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of list(dir)) {
    const at = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walkFiles(at));
    else if (entry.isFile()) files.push(at);
  }
  return files;
}

type MetricLine = MetricPoint & { runId: string | null };

/** Run metric lines: `ts value step [dataset_name dataset_digest]`; legacy `ts value`. Logged-model lines add the run id after the step. */
function readMetricFiles(dir: string, withRunId: boolean): MetricLine[] {
  const points: MetricLine[] = [];
  for (const file of walkFiles(dir)) {
    const key = relative(dir, file).split(sep).join('/');
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      const fields = line.trim().split(/\s+/);
      const fail = (why: string): never => {
        const at = `${file}:${index + 1}:1`;
        throw new ApiError('invalid_input', `${at}: ${why} Each line is "timestamp value step"; fix or remove the line; nothing was imported.`, { file, at });
      };
      const expected = withRunId ? [4, 6] : [2, 3, 5];
      if (!expected.includes(fields.length)) fail(`a metric line has ${fields.length} fields.`);
      const timestamp = fields[0];
      if (!/^-?\d+$/.test(timestamp)) fail(`the timestamp "${timestamp}" is not a whole number of milliseconds.`);
      const value = parsePythonFloat(fields[1]);
      if (value === null) fail(`the value "${fields[1]}" is not a number.`);
      const step = fields[2] ?? '0';
      if (!/^-?\d+$/.test(step)) fail(`the step "${step}" is not a whole number.`);
      const rest = fields.slice(withRunId ? 4 : 3);
      const isNan = Number.isNaN(value);
      points.push({
        key,
        value: isNan ? 0 : (value as number),
        isNan,
        timestamp: Number(timestamp),
        step: Number(step),
        runId: withRunId ? fields[3] : null,
        datasetName: rest[0] ?? null,
        datasetDigest: rest[1] ?? null,
      });
    });
  }
  return points;
}

function readDatasets(dir: string): Map<string, Omit<MlflowDatasetInput, 'tags'>> {
  const datasets = new Map<string, Omit<MlflowDatasetInput, 'tags'>>();
  for (const entry of list(dir)) {
    const metaFile = join(dir, entry.name, 'meta.yaml');
    if (!entry.isDirectory() || !existsSync(metaFile)) continue;
    const meta = readMetaYaml(metaFile);
    datasets.set(entry.name, {
      name: meta.requiredString('name'),
      digest: meta.requiredString('digest'),
      sourceType: meta.requiredString('source_type'),
      source: meta.requiredString('source'),
      schema: meta.string('schema'),
      profile: meta.string('profile'),
    });
  }
  return datasets;
}

function readRun(
  dir: string,
  experiment: MlflowExperiment,
  datasets: Map<string, Omit<MlflowDatasetInput, 'tags'>>,
  skip: (at: string, reason: string) => void,
): MlflowRun | null {
  const meta = readMetaYaml(join(dir, 'meta.yaml'));
  const runId = meta.string('run_id') ?? meta.string('run_uuid');
  if (runId === null) return meta.fail(undefined, 'neither run_id nor run_uuid is set; an MLflow run meta.yaml has one. Restore the file or remove the run folder.');
  const folder = dir.slice(dir.lastIndexOf(sep) + 1);
  if (runId !== folder) {
    skip(dir, `meta.yaml says run_id '${runId}' but the folder is '${folder}' (MLflow ignores such a run)`);
    return null;
  }
  const statusCode = meta.integer('status');
  const status = statusCode === null ? 'RUNNING' : runStatusFromInt(statusCode);
  if (status === null) meta.fail('status', `"status" must be 1 (RUNNING) to 5 (KILLED), found ${statusCode}.`);
  const tags = readValueFiles(join(dir, 'tags'));
  const legacyName = meta.string('name');
  const inputs: MlflowDatasetInput[] = [];
  for (const entry of list(join(dir, 'inputs'))) {
    const metaFile = join(dir, 'inputs', entry.name, 'meta.yaml');
    if (!existsSync(metaFile)) continue;
    const input = readMetaYaml(metaFile);
    const sourceId = input.requiredString('source_id');
    const dataset = input.string('source_type') === 'DATASET' ? datasets.get(sourceId) : undefined;
    if (!dataset) {
      skip(join(dir, 'inputs', entry.name), `input of type ${input.string('source_type') ?? '?'} (${sourceId}) not imported: only dataset inputs of the same experiment are`);
      continue;
    }
    inputs.push({ ...dataset, tags: stringRecord(input.mapping('tags')) });
  }
  const outputs: MlflowRun['outputs'] = [];
  for (const entry of list(join(dir, 'outputs'))) {
    const metaFile = join(dir, 'outputs', entry.name, 'meta.yaml');
    if (!existsSync(metaFile)) continue;
    const output = readMetaYaml(metaFile);
    outputs.push({ modelId: output.string('source_id') ?? entry.name, step: output.integer('step') ?? 0 });
  }
  for (const entry of list(dir)) {
    if (!RUN_ENTRIES.has(entry.name)) skip(join(dir, entry.name), entry.isDirectory() ? 'unknown folder in a run' : 'stray file');
  }
  const artifactsDir = join(dir, 'artifacts');
  return {
    runId,
    experimentId: experiment.experimentId,
    runName: meta.string('run_name') || tags['mlflow.runName'] || legacyName || null,
    userId: meta.string('user_id'),
    status: status as NonNullable<typeof status>,
    startTime: meta.integer('start_time'),
    endTime: meta.integer('end_time'),
    artifactUri: meta.string('artifact_uri'),
    lifecycleStage: lifecycle(meta, 'lifecycle_stage') ?? 'active',
    deletedTime: meta.integer('deleted_time'),
    params: readValueFiles(join(dir, 'params')),
    tags,
    metrics: readMetricFiles(join(dir, 'metrics'), false).map(({ runId: _unused, ...point }) => point),
    inputs,
    outputs,
    extra: meta.extra(RUN_KEYS),
    artifactsDir: existsSync(artifactsDir) && statSync(artifactsDir).isDirectory() ? artifactsDir : null,
  };
}

function readLoggedModel(dir: string, experiment: MlflowExperiment, _skip: (at: string, reason: string) => void): MlflowLoggedModel {
  const meta = readMetaYaml(join(dir, 'meta.yaml'));
  const artifactsDir = join(dir, 'artifacts');
  const status = meta.values.status;
  return {
    modelId: meta.requiredString('model_id'),
    experimentId: meta.string('experiment_id') ?? experiment.experimentId,
    name: meta.requiredString('name'),
    artifactLocation: meta.string('artifact_location'),
    creationTimestamp: meta.integer('creation_timestamp'),
    lastUpdatedTimestamp: meta.integer('last_updated_timestamp'),
    modelType: meta.string('model_type'),
    sourceRunId: meta.string('source_run_id'),
    status: status === undefined || status === null ? null : String(status),
    statusMessage: meta.string('status_message'),
    lifecycleStage: lifecycle(meta, 'lifecycle_stage'),
    params: readValueFiles(join(dir, 'params')),
    tags: readValueFiles(join(dir, 'tags')),
    metrics: readMetricFiles(join(dir, 'metrics'), true),
    extra: meta.extra(LOGGED_MODEL_KEYS),
    artifactsDir: existsSync(artifactsDir) && statSync(artifactsDir).isDirectory() ? artifactsDir : null,
  };
}

function readRegistry(dir: string, skip: (at: string, reason: string) => void): MlflowRegisteredModel[] {
  const models: MlflowRegisteredModel[] = [];
  for (const entry of list(dir)) {
    const modelDir = join(dir, entry.name);
    if (!entry.isDirectory() || !existsSync(join(modelDir, 'meta.yaml'))) {
      skip(modelDir, 'not a registered model (no meta.yaml)');
      continue;
    }
    const meta = readMetaYaml(join(modelDir, 'meta.yaml'));
    const versions: MlflowModelVersion[] = [];
    for (const child of list(modelDir)) {
      const match = /^version-(\d+)$/.exec(child.name);
      if (!match || !child.isDirectory()) continue;
      const versionMeta = readMetaYaml(join(modelDir, child.name, 'meta.yaml'));
      const version = versionMeta.integer('version') ?? Number(match[1]);
      if (version !== Number(match[1])) versionMeta.fail('version', `"version" is ${version} but the folder is ${child.name}.`);
      const stage = versionMeta.string('current_stage');
      versions.push({
        version,
        creationTimestamp: versionMeta.integer('creation_timestamp'),
        lastUpdatedTimestamp: versionMeta.integer('last_updated_timestamp'),
        description: versionMeta.string('description'),
        userId: versionMeta.string('user_id'),
        currentStage: stage === 'Deleted_Internal' ? null : stage,
        source: versionMeta.string('source'),
        runId: versionMeta.string('run_id'),
        runLink: versionMeta.string('run_link'),
        status: versionMeta.string('status'),
        statusMessage: versionMeta.string('status_message'),
        storageLocation: versionMeta.string('storage_location'),
        modelId: versionMeta.string('model_id'),
        deleted: stage === 'Deleted_Internal',
        tags: readValueFiles(join(modelDir, child.name, 'tags')),
      });
    }
    versions.sort((a, b) => a.version - b.version);
    const aliases: Record<string, number> = {};
    const aliasDir = join(modelDir, 'aliases');
    if (existsSync(aliasDir)) {
      for (const file of walkFiles(aliasDir)) {
        const body = readFileSync(file, 'utf8').trim();
        if (!/^\d+$/.test(body)) throw new ApiError('invalid_input', `${file}:1:1: an alias file holds a version number, found "${body}". Fix or remove it; nothing was imported.`, { file });
        aliases[relative(aliasDir, file).split(sep).join('/')] = Number(body);
      }
    } else {
      for (const [alias, version] of Object.entries(meta.mapping('aliases'))) {
        const n = Number(version);
        if (!Number.isInteger(n)) meta.fail('aliases', `alias "${alias}" must name a version number, found ${JSON.stringify(version)}.`);
        aliases[alias] = n;
      }
    }
    for (const [alias, version] of Object.entries(aliases)) {
      if (!versions.some((v) => v.version === version && !v.deleted)) {
        skip(join(aliasDir, alias), `alias points at version ${version}, which does not exist`);
        delete aliases[alias];
      }
    }
    models.push({
      name: meta.requiredString('name'),
      description: meta.string('description'),
      creationTimestamp: meta.integer('creation_timestamp'),
      lastUpdatedTimestamp: meta.integer('last_updated_timestamp'),
      tags: readValueFiles(join(modelDir, 'tags')),
      aliases,
      versions,
    });
  }
  return models;
}

function stringRecord(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}
