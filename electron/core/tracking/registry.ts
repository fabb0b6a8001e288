import { ApiError } from '../../../shared/api/errors.ts';
import type { ModelVersion, RegisteredModel, TreeEntry } from '../../../shared/catalog/model.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { Store } from '../store/database.ts';
import type { ArtifactStore } from './artifact-store.ts';
import type { KeyValue } from './entities.ts';
import { alreadyExists, invalid, MlflowError, notFound } from './errors.ts';
import { decodePageToken, encodePageToken, likeToGlob } from './search-runs.ts';
import type { TrackingStore } from './tracking-store.ts';

export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  user_id?: string;
  current_stage: string;
  description: string;
  source: string;
  run_id?: string;
  status: string;
  status_message?: string;
  tags: KeyValue[];
  run_link?: string;
  aliases: string[];
  model_id?: string;
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  latest_versions: MlflowModelVersion[];
  tags: KeyValue[];
  aliases: { alias: string; version: string }[];
}

interface VersionExtra {
  current_stage: string | null;
  source: string | null;
  run_link: string | null;
  status_message: string | null;
  storage_location: string | null;
  model_id: string | null;
}

/** Catalog errors (ApiError) as MLflow's. */
function mlflowError(error: unknown): never {
  if (error instanceof ApiError) {
    if (error.code === 'not_found') throw notFound(error.message);
    if (error.code === 'conflict') throw alreadyExists(error.message);
    if (error.code === 'invalid_input') throw invalid(error.message);
  }
  throw error;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    mlflowError(error);
  }
}

/**
 * MLflow's model registry mapped onto the catalog (migration 4): a registered model is a catalog
 * model, a model version a catalog version (its files: the logged model's or the run's artifacts
 * under the source path, shared through the content store), aliases are catalog aliases. MLflow-only
 * fields (source, run_link, stage, model_id) live in `mlflow_model_versions`. A version made from a
 * run gets lineage `mlflow_run:<id>` → `model_version:<id>` (registered_as), as an import does.
 */
export class Registry {
  readonly #store: Store;
  readonly #catalog: CatalogStore;
  readonly #tracking: TrackingStore;
  readonly #artifacts: ArtifactStore;

  constructor(store: Store, catalog: CatalogStore, tracking: TrackingStore, artifacts: ArtifactStore) {
    this.#store = store;
    this.#catalog = catalog;
    this.#tracking = tracking;
    this.#artifacts = artifacts;
  }

  #requireModel(name: string): RegisteredModel {
    const model = this.#catalog.getModel(name);
    if (!model) throw notFound(`Registered Model with name=${name} not found`);
    return model;
  }

  createRegisteredModel(name: string, options: { description?: string; tags?: KeyValue[] } = {}): MlflowRegisteredModel {
    if (typeof name !== 'string' || name === '') throw invalid("Missing value for required parameter 'name'.");
    if (this.#catalog.getModel(name)) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
    wrap(() => this.#catalog.ensureModel(name, { description: options.description ?? '', tags: Object.fromEntries((options.tags ?? []).map((t) => [t.key, t.value])) }));
    return this.getRegisteredModel(name);
  }

  getRegisteredModel(name: string): MlflowRegisteredModel {
    const model = this.#requireModel(name);
    const latest = model.latestVersion !== null ? [this.#version(wrap(() => this.#catalog.getVersion(name, model.latestVersion!)))] : [];
    return {
      name: model.name,
      creation_timestamp: model.createdAt,
      last_updated_timestamp: model.updatedAt,
      description: model.description,
      latest_versions: latest,
      tags: Object.entries(model.tags).map(([key, value]) => ({ key, value })),
      aliases: Object.entries(model.aliases).map(([alias, version]) => ({ alias, version: String(version) })),
    };
  }

  updateRegisteredModel(name: string, description: string): MlflowRegisteredModel {
    this.#requireModel(name);
    wrap(() => this.#catalog.setModelDescription(name, description ?? ''));
    return this.getRegisteredModel(name);
  }

  deleteRegisteredModel(name: string): void {
    this.#requireModel(name);
    wrap(() => this.#catalog.deleteModel(name));
  }

  setRegisteredModelTag(name: string, key: string, value: string): void {
    this.#requireModel(name);
    wrap(() => this.#catalog.setModelTags(name, { [key]: value }));
  }

  deleteRegisteredModelTag(name: string, key: string): void {
    const model = this.#requireModel(name);
    if (!(key in model.tags)) throw notFound(`No tag with key '${key}' on registered model ${name}.`);
    wrap(() => this.#catalog.setModelTags(name, {}, [key]));
  }

  searchRegisteredModels(options: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string | null }): { items: MlflowRegisteredModel[]; nextPageToken?: string } {
    const max = options.maxResults ?? 100;
    const offset = decodePageToken(options.pageToken);
    const where = ['deleted_at IS NULL'];
    const args: (string | number)[] = [];
    for (const clause of (options.filter ?? '').split(/\s+AND\s+/i).filter((c) => c.trim() !== '')) {
      const match = /^\s*(name|tags?\.(?:`[^`]+`|"[^"]+"|[\w.\-/:]+))\s*(=|!=|LIKE|ILIKE)\s*(?:'([^']*)'|"([^"]*)")\s*$/i.exec(clause);
      if (!match) throw invalid(`Invalid filter '${clause}': use name or tags.<key> with =, !=, LIKE or ILIKE and a quoted value.`);
      const value = match[3] ?? match[4];
      const op = match[2].toUpperCase();
      const compare = (column: string) => (op === 'LIKE' ? `${column} GLOB ?` : op === 'ILIKE' ? `lower(${column}) LIKE lower(?)` : `${column} ${op} ?`);
      const argument = op === 'LIKE' ? likeToGlob(value) : value;
      if (match[1].toLowerCase() === 'name') where.push(compare('name'));
      else {
        const key = match[1].slice(match[1].indexOf('.') + 1).replace(/^[`"]|[`"]$/g, '');
        // `tags.k != 'v'` keeps models without the tag (the client appends `tag.mlflow.prompt.is_prompt != 'true'` to every search).
        if (op === '!=') where.push('NOT EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = registered_models.name AND t.key = ? AND t.value = ?)');
        else where.push(`EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = registered_models.name AND t.key = ? AND ${compare('t.value')})`);
        args.push(key);
      }
      args.push(argument);
    }
    const order = (options.orderBy ?? []).map((o) => {
      const m = /^\s*(name|last_updated_timestamp|timestamp|creation_timestamp)\s*(ASC|DESC)?\s*$/i.exec(o);
      if (!m) throw invalid(`Invalid order_by clause '${o}': use name or last_updated_timestamp with ASC or DESC.`);
      const column = m[1] === 'name' ? 'name' : m[1] === 'creation_timestamp' ? 'created_at' : 'updated_at';
      return `${column} ${(m[2] ?? 'ASC').toUpperCase()}`;
    });
    const rows = this.#store.db.prepare(`SELECT name FROM registered_models WHERE ${where.join(' AND ')} ORDER BY ${[...order, 'name ASC'].join(', ')} LIMIT ? OFFSET ?`).all(...args, max + 1, offset) as { name: string }[];
    return { items: rows.slice(0, max).map((r) => this.getRegisteredModel(r.name)), nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }

  // ---- versions ------------------------------------------------------------------------------

  #extra(versionId: number): VersionExtra | undefined {
    return this.#store.db.prepare('SELECT * FROM mlflow_model_versions WHERE version_id = ?').get(versionId) as VersionExtra | undefined;
  }

  #version(version: ModelVersion): MlflowModelVersion {
    const extra = this.#extra(version.id);
    return {
      name: version.name,
      version: String(version.version),
      creation_timestamp: version.createdAt,
      last_updated_timestamp: version.updatedAt,
      ...(version.userId ? { user_id: version.userId } : {}),
      current_stage: extra?.current_stage ?? 'None',
      description: version.description,
      source: extra?.source ?? version.source.uri ?? (version.source.runId ? `benchtop:/runs/${version.source.runId}` : ''),
      ...(version.source.runId ? { run_id: version.source.runId } : {}),
      status: version.status,
      ...(extra?.status_message ? { status_message: extra.status_message } : {}),
      tags: Object.entries(version.tags).map(([key, value]) => ({ key, value })),
      ...(extra?.run_link ? { run_link: extra.run_link } : {}),
      aliases: version.aliases,
      ...(extra?.model_id ? { model_id: extra.model_id } : {}),
    };
  }

  #requireVersion(name: string, version: string | number): ModelVersion {
    this.#requireModel(name);
    if (!/^\d+$/.test(String(version))) throw invalid(`Model version must be an integer, got '${String(version)}'.`);
    try {
      return this.#catalog.getVersion(name, Number(version));
    } catch {
      throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    }
  }

  getModelVersion(name: string, version: string | number): MlflowModelVersion {
    return this.#version(this.#requireVersion(name, version));
  }

  /** The files a source names: a logged model's, or the run's artifacts under a path. */
  #sourceFiles(source: string, runId: string | null, modelId: string | null): { entries: TreeEntry[] | null; runId: string | null; modelId: string | null; storage: string | null } {
    const fromModel = modelId ?? /^models:\/(m-[0-9a-f]+)\/?$/.exec(source)?.[1] ?? null;
    if (fromModel) {
      const model = this.#tracking.getLoggedModel(fromModel);
      if (!model) throw notFound(`Logged model with ID '${fromModel}' not found.`);
      return { entries: this.#artifacts.entries({ kind: 'model', id: fromModel }), runId: runId ?? model.info.source_run_id ?? null, modelId: fromModel, storage: model.info.artifact_uri };
    }
    let run = runId;
    let path: string | null = null;
    const runsUri = /^runs:\/([0-9a-f]+)\/?(.*)$/.exec(source);
    const proxyUri = /^mlflow-artifacts:\/(?:\/[^/]*)?\/?(.+)$/.exec(source);
    if (runsUri) {
      run = runsUri[1];
      path = runsUri[2];
    } else if (proxyUri) {
      try {
        const owner = this.#artifacts.resolve(proxyUri[1]);
        if (owner.kind === 'model') return { entries: this.#artifacts.entries(owner), runId, modelId: owner.id, storage: source };
        run = owner.id;
        path = owner.path;
      } catch (error) {
        if (!(error instanceof MlflowError)) throw error;
      }
    }
    if (run && path !== null) {
      this.#tracking.requireRunRow(run);
      const prefix = path.replace(/\/+$/, '');
      const entries = this.#artifacts
        .entries({ kind: 'run', id: run })
        .filter((e) => prefix === '' || e.path.startsWith(`${prefix}/`))
        .map((e) => ({ ...e, path: prefix === '' ? e.path : e.path.slice(prefix.length + 1) }));
      return { entries, runId: run, modelId: null, storage: source };
    }
    return { entries: null, runId: run, modelId: null, storage: null };
  }

  async createModelVersion(input: { name: string; source: string; runId?: string | null; tags?: KeyValue[]; runLink?: string | null; description?: string | null; modelId?: string | null }): Promise<MlflowModelVersion> {
    if (!input.source) throw invalid("Missing value for required parameter 'source'.");
    this.#requireModel(input.name);
    const files = this.#sourceFiles(input.source, input.runId ?? null, input.modelId ?? null);
    const run = files.runId ? this.#tracking.getRun(files.runId) : null;
    if (files.runId && !run) throw notFound(`Run with id=${files.runId} not found`);
    const logged = files.modelId ? this.#tracking.getLoggedModel(files.modelId) : null;
    const latest = (metrics: { key: string; value: number }[]) => Object.fromEntries(metrics.map((m) => [m.key, Number.isNaN(m.value) ? null : m.value]));
    let created: ModelVersion;
    try {
      created = await this.#catalog.createVersion({
        name: input.name,
        description: input.description ?? '',
        source: { type: 'mlflow', uri: input.source, runId: files.runId, step: null, attempt: null, imageDigest: null },
        files: files.entries && files.entries.length > 0 ? { entries: files.entries } : null,
        metrics: logged && logged.data.metrics.length > 0 ? latest(logged.data.metrics) : run ? latest(run.data.metrics) : {},
        params: Object.fromEntries((logged && logged.data.params.length > 0 ? logged.data.params : (run?.data.params ?? [])).map((p) => [p.key, p.value])),
        tags: Object.fromEntries((input.tags ?? []).map((t) => [t.key, t.value])),
        userId: run?.info.user_id || null,
      });
    } catch (error) {
      mlflowError(error);
    }
    this.#store.transaction(() => {
      this.#store.db.prepare('UPDATE model_versions SET external_id = ? WHERE id = ? AND external_id IS NULL').run(`mlflow:${created.name}/${created.version}`, created.id);
      this.#store.db
        .prepare(
          `INSERT INTO mlflow_model_versions (version_id, current_stage, source, run_link, status_message, storage_location, model_id, last_updated_timestamp)
           VALUES (?, 'None', ?, ?, NULL, ?, ?, ?)`,
        )
        .run(created.id, input.source, input.runLink ?? null, files.storage, files.modelId, created.updatedAt);
    });
    if (run) {
      const runNode = `mlflow_run:${run.info.run_id}`;
      this.#catalog.addLineage(
        [
          { id: `model_version:${created.id}`, kind: 'model_version', label: `${created.name} v${created.version}`, runId: run.info.run_id, step: null, digest: null },
          { id: runNode, kind: 'run', label: run.info.run_name || run.info.run_id, runId: run.info.run_id, step: null, digest: null },
        ],
        [{ source: runNode, target: `model_version:${created.id}`, relation: 'registered_as' }],
      );
    }
    return this.getModelVersion(created.name, created.version);
  }

  updateModelVersion(name: string, version: string, description: string): MlflowModelVersion {
    this.#requireVersion(name, version);
    wrap(() => this.#catalog.setVersionDescription(name, Number(version), description ?? ''));
    return this.getModelVersion(name, version);
  }

  deleteModelVersion(name: string, version: string): void {
    this.#requireVersion(name, version);
    wrap(() => this.#catalog.deleteVersion(name, Number(version)));
  }

  setModelVersionTag(name: string, version: string, key: string, value: string): void {
    this.#requireVersion(name, version);
    wrap(() => this.#catalog.setVersionTags(name, Number(version), { [key]: value }));
  }

  deleteModelVersionTag(name: string, version: string, key: string): void {
    const found = this.#requireVersion(name, version);
    if (!(key in found.tags)) throw notFound(`No tag with key '${key}' on model version ${name}/${version}.`);
    wrap(() => this.#catalog.setVersionTags(name, Number(version), {}, [key]));
  }

  transitionStage(name: string, version: string, stage: string, archiveExisting: boolean): MlflowModelVersion {
    const found = this.#requireVersion(name, version);
    const canonical = ['None', 'Staging', 'Production', 'Archived'].find((s) => s.toLowerCase() === String(stage).toLowerCase());
    if (!canonical) throw invalid(`Invalid Model Version stage: ${stage}. Value must be one of None, Staging, Production, Archived.`);
    this.#store.transaction(() => {
      if (archiveExisting && (canonical === 'Staging' || canonical === 'Production')) {
        this.#store.db
          .prepare("UPDATE mlflow_model_versions SET current_stage = 'Archived' WHERE current_stage = ? AND version_id IN (SELECT id FROM model_versions WHERE name = ? AND id <> ?)")
          .run(canonical, name, found.id);
      }
      this.#store.db
        .prepare("INSERT INTO mlflow_model_versions (version_id, current_stage) VALUES (?, ?) ON CONFLICT (version_id) DO UPDATE SET current_stage = excluded.current_stage")
        .run(found.id, canonical);
    });
    return this.getModelVersion(name, version);
  }

  getLatestVersions(name: string, stages: string[]): MlflowModelVersion[] {
    this.#requireModel(name);
    const versions = this.#catalog.listVersions(name).map((v) => this.#version(v));
    const byStage = new Map<string, MlflowModelVersion>();
    for (const v of versions) {
      const current = byStage.get(v.current_stage);
      if (!current || Number(v.version) > Number(current.version)) byStage.set(v.current_stage, v);
    }
    const wanted = stages.length > 0 ? stages.map((s) => s.toLowerCase()) : null;
    return [...byStage.values()].filter((v) => !wanted || wanted.includes(v.current_stage.toLowerCase()));
  }

  searchModelVersions(options: { filter?: string; maxResults?: number; orderBy?: string[]; pageToken?: string | null }): { items: MlflowModelVersion[]; nextPageToken?: string } {
    const max = options.maxResults ?? 10_000;
    const offset = decodePageToken(options.pageToken);
    const where = ['v.deleted_at IS NULL'];
    const args: (string | number)[] = [];
    for (const clause of (options.filter ?? '').split(/\s+AND\s+/i).filter((c) => c.trim() !== '')) {
      const inMatch = /^\s*(run_id|source_path|version_number)\s+IN\s*\(([^)]*)\)\s*$/i.exec(clause);
      if (inMatch) {
        const values = [...inMatch[2].matchAll(/'([^']*)'|"([^"]*)"|(\d+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
        where.push(`${inMatch[1] === 'run_id' ? 'v.run_id' : 'v.version'} IN (SELECT value FROM json_each(?))`);
        args.push(JSON.stringify(inMatch[1] === 'version_number' ? values.map(Number) : values));
        continue;
      }
      const match = /^\s*(name|run_id|source|version_number|tags?\.(?:`[^`]+`|"[^"]+"|[\w.\-/:]+))\s*(=|!=|LIKE|ILIKE|<=|>=|<|>)\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*$/i.exec(clause);
      if (!match) throw invalid(`Invalid filter '${clause}': use name, run_id, source, version_number or tags.<key> with a comparator and a value.`);
      const value = match[3] ?? match[4] ?? match[5];
      const op = match[2].toUpperCase();
      const field = match[1];
      const compare = (column: string) => (op === 'LIKE' ? `${column} GLOB ?` : op === 'ILIKE' ? `lower(${column}) LIKE lower(?)` : `${column} ${op} ?`);
      const argument = op === 'LIKE' ? likeToGlob(value) : value;
      if (field === 'name') where.push(compare('v.name'));
      else if (field === 'run_id') where.push(compare('v.run_id'));
      else if (field === 'source') where.push(compare("coalesce(x.source, v.source_uri, '')"));
      else if (field === 'version_number') {
        where.push(`v.version ${op} ?`);
        args.push(Number(value));
        continue;
      } else {
        const key = field.slice(field.indexOf('.') + 1).replace(/^[`"]|[`"]$/g, '');
        if (op === '!=') where.push('NOT EXISTS (SELECT 1 FROM model_version_tags t WHERE t.version_id = v.id AND t.key = ? AND t.value = ?)');
        else where.push(`EXISTS (SELECT 1 FROM model_version_tags t WHERE t.version_id = v.id AND t.key = ? AND ${compare('t.value')})`);
        args.push(key);
      }
      args.push(argument);
    }
    const order = (options.orderBy ?? []).map((o) => {
      const m = /^\s*(name|version_number|creation_timestamp|last_updated_timestamp)\s*(ASC|DESC)?\s*$/i.exec(o);
      if (!m) throw invalid(`Invalid order_by clause '${o}'.`);
      const column = { name: 'v.name', version_number: 'v.version', creation_timestamp: 'v.created_at', last_updated_timestamp: 'v.updated_at' }[m[1] as 'name'];
      return `${column} ${(m[2] ?? 'ASC').toUpperCase()}`;
    });
    const rows = this.#store.db
      .prepare(
        `SELECT v.name, v.version FROM model_versions v LEFT JOIN mlflow_model_versions x ON x.version_id = v.id WHERE ${where.join(' AND ')}
         ORDER BY ${[...order, 'v.name ASC', 'v.version DESC'].join(', ')} LIMIT ? OFFSET ?`,
      )
      .all(...args, max + 1, offset) as { name: string; version: number }[];
    return { items: rows.slice(0, max).map((r) => this.getModelVersion(r.name, r.version)), nextPageToken: rows.length > max ? encodePageToken(offset + max) : undefined };
  }

  getDownloadUri(name: string, version: string): string {
    const found = this.#requireVersion(name, version);
    const extra = this.#extra(found.id);
    return extra?.storage_location ?? extra?.source ?? found.source.uri ?? '';
  }

  // ---- aliases -------------------------------------------------------------------------------

  setAlias(name: string, alias: string, version: string): void {
    this.#requireVersion(name, version);
    wrap(() => this.#catalog.setAlias(name, alias, Number(version)));
  }

  deleteAlias(name: string, alias: string): void {
    const model = this.#requireModel(name);
    if (!(alias in model.aliases)) throw notFound(`Registered model alias ${alias} not found.`);
    wrap(() => this.#catalog.deleteAlias(name, alias));
  }

  getVersionByAlias(name: string, alias: string): MlflowModelVersion {
    const model = this.#requireModel(name);
    const version = model.aliases[alias];
    if (version === undefined) throw notFound(`Registered model alias ${alias} not found.`);
    return this.getModelVersion(name, version);
  }
}
