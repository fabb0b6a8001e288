import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { TreeEntry } from '../../../../shared/catalog/model.ts';
import type { Store } from '../../store/database.ts';
import type { CatalogStore } from '../catalog-store.ts';
import { versionNodeId } from '../catalog-store.ts';
import type { MetricPoint, MlflowRun, MlflowSnapshot, SkippedEntry } from './model.ts';
import { readMlflowSource } from './read-source.ts';
import { MlflowTables } from './tracking-tables.ts';

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  source: string;
  kind: MlflowSnapshot['kind'];
  schemaRevision: string | null;
  experiments: ImportCounts;
  runs: ImportCounts;
  loggedModels: ImportCounts;
  registeredModels: ImportCounts;
  versions: ImportCounts;
  aliases: ImportCounts;
  metricPointsAdded: number;
  artifactFiles: number;
  skipped: SkippedEntry[];
  durationMs: number;
}

export type ImportPhase = 'reading' | 'artifacts' | 'tracking' | 'registry' | 'done';

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

const counts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });

/** Where a version's MLflow-only fields live (the catalog has no column for them). */
export const RUN_ARTIFACT_OWNER = 'mlflow_run';
export const LOGGED_MODEL_ARTIFACT_OWNER = 'mlflow_logged_model';

/** The key a version imported from MLflow carries in the catalog; the same for every source, so re-imports and round trips match. */
export function mlflowVersionExternalId(name: string, version: number): string {
  return `mlflow:${name}/${version}`;
}

/**
 * Imports an mlruns folder or an mlflow.db into the catalog, idempotently. Phases: read and check
 * everything (a malformed file stops here: nothing written); store artifact files in the content
 * store (unreferenced blobs are harmless, gc frees them); write the tracking tables in one
 * transaction; then the registry through the catalog's API. Cancel works until the tracking
 * transaction starts.
 */
export async function importMlflow(store: Store, catalog: CatalogStore, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  progress('reading', 0, 1);
  const snapshot = await readMlflowSource(path, { signal: options.signal, onProgress: (done, total) => progress('reading', done, total) });
  options.signal?.throwIfAborted();

  const trees = await storeArtifacts(catalog, snapshot, options);
  options.signal?.throwIfAborted();

  const summary: ImportSummary = {
    source: snapshot.path,
    kind: snapshot.kind,
    schemaRevision: snapshot.schemaRevision,
    experiments: counts(),
    runs: counts(),
    loggedModels: counts(),
    registeredModels: counts(),
    versions: counts(),
    aliases: counts(),
    metricPointsAdded: 0,
    artifactFiles: [...trees.values()].reduce((n, t) => n + t.entries.length, 0),
    skipped: [...snapshot.skipped],
    durationMs: 0,
  };
  progress('tracking', 0, snapshot.runs.length);
  store.transaction(() => {
    writeTracking(store, snapshot, trees, summary);
    // In the same transaction: a gc never sees a run's tree without the root that keeps it.
    for (const [key, tree] of trees) {
      const [kind, id] = key.split(':', 2);
      catalog.setArtifactRoot(kind === 'run' ? RUN_ARTIFACT_OWNER : LOGGED_MODEL_ARTIFACT_OWNER, id, tree.digest);
    }
  });
  progress('registry', 0, snapshot.registeredModels.length);
  await writeRegistry(store, catalog, snapshot, trees, summary);
  summary.durationMs = Math.round(performance.now() - started);
  progress('done', 1, 1);
  return summary;
}

type Trees = Map<string, { digest: string; entries: TreeEntry[] }>;

async function storeArtifacts(catalog: CatalogStore, snapshot: MlflowSnapshot, options: ImportOptions): Promise<Trees> {
  const trees: Trees = new Map();
  const owners = [
    ...snapshot.runs.map((r) => ({ key: `run:${r.runId}`, dir: r.artifactsDir })),
    ...snapshot.loggedModels.map((m) => ({ key: `model:${m.modelId}`, dir: m.artifactsDir })),
  ].filter((o): o is { key: string; dir: string } => o.dir !== null && hasFiles(o.dir));
  for (const [index, owner] of owners.entries()) {
    options.onProgress?.('artifacts', index, owners.length);
    options.signal?.throwIfAborted();
    trees.set(owner.key, await storeFolder(catalog, owner.dir));
    await yieldToLoop();
  }
  return trees;
}

/** Below this size a file is hashed in memory, and not copied at all when its blob exists (re-imports). */
const IN_MEMORY_LIMIT = 16 * 1024 * 1024;

/** A folder's files into the content store, and its tree recorded (as CatalogStore.putTree, faster for small files). */
async function storeFolder(catalog: CatalogStore, dir: string): Promise<{ digest: string; entries: TreeEntry[] }> {
  const entries: TreeEntry[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const info = statSync(full);
        const blob = info.size <= IN_MEMORY_LIMIT ? await catalog.files.putBytes(readFileSync(full)) : await catalog.files.putFile(full);
        entries.push({ path: relative(dir, full).split(sep).join('/'), digest: blob.digest, size: blob.size, mode: info.mode & 0o111 ? 0o755 : 0o644 });
      }
    }
  };
  await walk(dir);
  return { digest: catalog.recordTree(entries).digest, entries };
}

function hasFiles(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) return true;
    if (entry.isDirectory() && hasFiles(`${dir}${sep}${entry.name}`)) return true;
  }
  return false;
}

/** A location inside the tree being imported (an export of ours, or a store read in place) says nothing new. */
function isSelfReference(snapshot: MlflowSnapshot, uri: string | null): boolean {
  if (!uri || !snapshot.root) return false;
  let path: string;
  try {
    path = uri.startsWith('file:') ? fileURLToPath(uri) : uri.startsWith('/') ? uri : '';
  } catch {
    return false;
  }
  return path !== '' && (resolve(path) === snapshot.root || resolve(path).startsWith(snapshot.root + sep));
}

function keepStored(snapshot: MlflowSnapshot, incoming: string | null, stored: string | null | undefined): string | null {
  return stored !== undefined && stored !== null && isSelfReference(snapshot, incoming) ? stored : incoming;
}

function writeTracking(store: Store, snapshot: MlflowSnapshot, trees: Trees, summary: ImportSummary): void {
  const tables = new MlflowTables(store);
  const experimentIds = new Map<string, string>();
  for (const experiment of snapshot.experiments) {
    const byName = tables.experimentByName(experiment.name);
    let id = experiment.experimentId;
    if (byName) id = String(byName.experiment_id);
    else if (tables.experimentIdTaken(id)) id = tables.nextExperimentId();
    experimentIds.set(experiment.experimentId, id);
    const row = {
      experiment_id: id,
      name: experiment.name,
      artifact_location: keepStored(snapshot, experiment.artifactLocation, byName?.artifact_location as string | null | undefined),
      lifecycle_stage: experiment.lifecycleStage,
      creation_time: experiment.creationTime,
      last_update_time: experiment.lastUpdateTime,
      extra_json: JSON.stringify(experiment.extra),
    };
    const rowChanged = tables.upsertExperiment(row, byName);
    const tagsChanged = tables.syncExperimentTags(id, experiment.tags);
    tally(summary.experiments, !byName, rowChanged || tagsChanged);
    for (const run of snapshot.runs.filter((r) => r.experimentId === experiment.experimentId)) {
      for (const input of run.inputs) tables.upsertDataset(id, input);
    }
  }

  for (const run of snapshot.runs) {
    const stored = tables.runById(run.runId);
    const row = {
      run_id: run.runId,
      experiment_id: experimentIds.get(run.experimentId) ?? run.experimentId,
      run_name: run.runName,
      user_id: run.userId,
      status: run.status,
      start_time: run.startTime,
      end_time: run.endTime,
      artifact_uri: keepStored(snapshot, run.artifactUri, stored?.artifact_uri as string | null | undefined),
      lifecycle_stage: run.lifecycleStage,
      deleted_time: run.deletedTime,
      parent_run_id: run.tags['mlflow.parentRunId'] ?? null,
      artifacts_tree: trees.get(`run:${run.runId}`)?.digest ?? (stored?.artifacts_tree as string | null | undefined) ?? null,
      extra_json: JSON.stringify(run.extra),
    };
    let changed = tables.upsertRun(row, stored);
    changed = tables.syncRunParams(run.runId, run.params) || changed;
    changed = tables.syncRunTags(run.runId, run.tags) || changed;
    const added = tables.addRunMetrics(run.runId, run.metrics);
    summary.metricPointsAdded += added;
    for (const input of run.inputs) changed = tables.upsertRunInput(run.runId, input) || changed;
    for (const output of run.outputs) changed = tables.upsertRunOutput(run.runId, output) || changed;
    tally(summary.runs, !stored, changed || added > 0);
  }

  for (const model of snapshot.loggedModels) {
    const stored = tables.loggedModelById(model.modelId);
    const row = {
      model_id: model.modelId,
      experiment_id: experimentIds.get(model.experimentId) ?? model.experimentId,
      name: model.name,
      artifact_location: keepStored(snapshot, model.artifactLocation, stored?.artifact_location as string | null | undefined),
      creation_timestamp: model.creationTimestamp,
      last_updated_timestamp: model.lastUpdatedTimestamp,
      model_type: model.modelType,
      source_run_id: model.sourceRunId,
      status: model.status,
      status_message: model.statusMessage,
      lifecycle_stage: model.lifecycleStage,
      artifacts_tree: trees.get(`model:${model.modelId}`)?.digest ?? (stored?.artifacts_tree as string | null | undefined) ?? null,
      extra_json: JSON.stringify(model.extra),
    };
    let changed = tables.upsertLoggedModel(row, stored);
    changed = tables.syncLoggedModelParams(model.modelId, model.params) || changed;
    changed = tables.syncLoggedModelTags(model.modelId, model.tags) || changed;
    const added = tables.addLoggedModelMetrics(model.modelId, model.metrics);
    summary.metricPointsAdded += added;
    tally(summary.loggedModels, !stored, changed || added > 0);
  }
}

function tally(target: ImportCounts, isNew: boolean, changed: boolean): void {
  if (isNew) target.added += 1;
  else if (changed) target.updated += 1;
  else target.unchanged += 1;
}

/** MLflow's "latest" per key: the point with the highest (step, timestamp, value). NaN stays null. */
export function latestMetrics(points: readonly MetricPoint[]): Record<string, number | null> {
  const best = new Map<string, MetricPoint>();
  for (const p of points) {
    const current = best.get(p.key);
    if (!current || p.step > current.step || (p.step === current.step && (p.timestamp > current.timestamp || (p.timestamp === current.timestamp && p.value > current.value)))) {
      best.set(p.key, p);
    }
  }
  return Object.fromEntries([...best].map(([key, p]) => [key, p.isNan ? null : p.value]));
}

async function writeRegistry(store: Store, catalog: CatalogStore, snapshot: MlflowSnapshot, trees: Trees, summary: ImportSummary): Promise<void> {
  const tables = new MlflowTables(store);
  const runs = new Map(snapshot.runs.map((r) => [r.runId, r]));
  const loggedModels = new Map(snapshot.loggedModels.map((m) => [m.modelId, m]));
  for (const model of snapshot.registeredModels) {
    const existing = catalog.getModel(model.name);
    if (!existing) {
      catalog.ensureModel(model.name, { description: model.description ?? '', tags: model.tags, createdAt: model.creationTimestamp ?? undefined });
      summary.registeredModels.added += 1;
    } else {
      const description = model.description ?? '';
      const tagsDiffer = Object.entries(model.tags).some(([k, v]) => existing.tags[k] !== v);
      if (existing.description !== description) catalog.setModelDescription(model.name, description);
      if (tagsDiffer) catalog.setModelTags(model.name, model.tags);
      tally(summary.registeredModels, false, existing.description !== description || tagsDiffer);
    }
    for (const version of model.versions) {
      if (version.deleted) {
        summary.skipped.push({ path: `${model.name}/version-${version.version}`, reason: 'deleted in MLflow (Deleted_Internal): not imported' });
        continue;
      }
      const externalId = mlflowVersionExternalId(model.name, version.version);
      const found = catalog.findVersionByExternalId(externalId);
      if (found && found.deletedAt !== null) {
        summary.skipped.push({ path: `${model.name}/version-${version.version}`, reason: 'deleted in the catalog after an earlier import: not brought back' });
        summary.versions.unchanged += 1;
        continue;
      }
      const storedExt = found
        ? tables.modelVersionExtra(found.id)
        : undefined;
      const ext = {
        version_id: found?.id ?? 0,
        current_stage: version.currentStage,
        source: keepStored(snapshot, version.source, storedExt?.source as string | null | undefined),
        run_link: version.runLink,
        status_message: version.statusMessage,
        storage_location: keepStored(snapshot, version.storageLocation, storedExt?.storage_location as string | null | undefined),
        model_id: version.modelId,
        last_updated_timestamp: version.lastUpdatedTimestamp,
      };
      if (found) {
        const description = version.description ?? '';
        const tagsDiffer = Object.entries(version.tags).some(([k, v]) => found.tags[k] !== v);
        if (found.description !== description) catalog.setVersionDescription(model.name, found.version, description);
        if (tagsDiffer) catalog.setVersionTags(model.name, found.version, version.tags);
        const extChanged = tables.upsertModelVersionExtra(ext, storedExt);
        tally(summary.versions, false, found.description !== description || tagsDiffer || extChanged);
        continue;
      }
      if (tables.modelVersionExists(model.name, version.version)) {
        summary.skipped.push({ path: `${model.name}/version-${version.version}`, reason: 'the catalog has this version number already (not from MLflow): kept the catalog one' });
        summary.versions.unchanged += 1;
        continue;
      }
      const run = version.runId ? runs.get(version.runId) : undefined;
      const logged = version.modelId ? loggedModels.get(version.modelId) : undefined;
      const created = await catalog.createVersion({
        name: model.name,
        version: version.version,
        externalId,
        description: version.description ?? '',
        source: { type: 'mlflow', uri: version.source, runId: version.runId, step: null, attempt: null, imageDigest: run?.tags['mlflow.docker.image.id'] ?? null },
        files: versionFiles(version.source, version.runId, version.modelId, trees),
        metrics: logged ? latestMetrics(logged.metrics) : run ? latestMetrics(run.metrics) : {},
        params: logged ? logged.params : (run?.params ?? {}),
        tags: version.tags,
        featureVersionIds: featureSetsNamed(tables, version.tags['feast.feature_views'] ?? run?.tags['feast.feature_views']),
        status: version.status ?? 'READY',
        userId: version.userId,
        createdAt: version.creationTimestamp ?? undefined,
        updatedAt: version.lastUpdatedTimestamp ?? undefined,
      });
      tables.upsertModelVersionExtra({ ...ext, version_id: created.id }, undefined);
      if (run) linkLineage(catalog, run, created.id, `${model.name} v${version.version}`);
      summary.versions.added += 1;
    }
    const current = catalog.getModel(model.name);
    for (const [alias, version] of Object.entries(model.aliases)) {
      if (current?.aliases[alias] === version) {
        summary.aliases.unchanged += 1;
        continue;
      }
      if (!tables.modelVersionExists(model.name, version, { liveOnly: true })) {
        summary.skipped.push({ path: `${model.name}/aliases/${alias}`, reason: `points at version ${version}, which the catalog does not hold (deleted)` });
        continue;
      }
      catalog.setAlias(model.name, alias, version);
      tally(summary.aliases, current?.aliases[alias] === undefined, true);
    }
  }
}

/** Feast's bridge tag `feast.feature_views` (comma-separated) → the latest versions of catalog feature sets of those names. */
function featureSetsNamed(tables: MlflowTables, views: string | undefined): number[] {
  if (!views) return [];
  return tables.latestFeatureSetVersionIds(views.split(',').map((view) => view.trim()));
}

/** The files of a version: its logged model's, else the part of its run's artifacts that `source` names. */
function versionFiles(source: string | null, runId: string | null, modelId: string | null, trees: Trees): { entries: TreeEntry[] } | null {
  const logged = modelId ? trees.get(`model:${modelId}`) : undefined;
  if (logged) return { entries: logged.entries };
  const loggedBySource = source?.startsWith('models:/m-') ? trees.get(`model:${source.slice('models:/'.length).split('/')[0]}`) : undefined;
  if (loggedBySource) return { entries: loggedBySource.entries };
  const runTree = runId ? trees.get(`run:${runId}`) : undefined;
  if (!runTree || !source) return null;
  let sub: string | null = null;
  if (source.startsWith(`runs:/${runId}/`)) sub = source.slice(`runs:/${runId}/`.length);
  else {
    const marker = `/${runId}/artifacts/`;
    const at = source.indexOf(marker);
    if (at >= 0) sub = source.slice(at + marker.length);
  }
  if (sub === null) return null;
  const prefix = sub.replace(/\/+$/, '') + '/';
  const entries = runTree.entries.filter((e) => e.path.startsWith(prefix)).map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
  return entries.length > 0 ? { entries } : null;
}

function linkLineage(catalog: CatalogStore, run: MlflowRun, versionId: number, label: string): void {
  const runNode = `mlflow_run:${run.runId}`;
  const nodes = [
    { id: versionNodeId(versionId), kind: 'model_version' as const, label, runId: run.runId, step: null, digest: null },
    { id: runNode, kind: 'run' as const, label: run.runName ?? run.runId, runId: run.runId, step: null, digest: null },
    ...run.inputs.map((input) => ({ id: `mlflow_dataset:${input.name}@${input.digest}`, kind: 'dataset' as const, label: input.name, runId: null, step: null, digest: input.digest })),
  ];
  const edges = [
    { source: runNode, target: versionNodeId(versionId), relation: 'registered_as' },
    ...run.inputs.map((input) => ({ source: `mlflow_dataset:${input.name}@${input.digest}`, target: runNode, relation: 'consumed' })),
  ];
  catalog.addLineage(nodes, edges);
}
