import { join } from 'node:path';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  ALIAS_PATTERN,
  MODEL_NAME_PATTERN,
  RESERVED_ALIAS,
  type GcReport,
  type LineageGraph,
  type LineageNode,
  type ModelSummary,
  type ModelVersion,
  type RegisteredModel,
  type TreeEntry,
  type VersionInput,
  type VersionSource,
} from '../../../shared/catalog/model.ts';
import { describeFilterError, parseVersionFilter } from '../../../shared/catalog/version-filter.ts';
import type { Store } from '../store/database.ts';
import { collectGarbage } from './catalog-gc.ts';
import { ContentStore } from './content-store.ts';
import { ContentTrees, type VersionFiles } from './content-trees.ts';
import { LineageStore } from './lineage-store.ts';
import { StatementCache } from './statement-cache.ts';
import { readMlmodel } from './mlmodel.ts';
import { compileFilter } from './filter-sql.ts';

/** What createVersion needs; everything but `name` is optional. */
export interface NewVersionRequest {
  name: string;
  /** The files: a folder or file on this machine, or entries already in the content store. */
  files?: VersionFiles | null;
  source?: Partial<VersionSource> & { type: VersionSource['type'] };
  metrics?: Record<string, number | null>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** Markdown: the model card. */
  description?: string;
  /** Overrides what an MLmodel file among the files says. */
  signature?: unknown;
  flavor?: string | null;
  /** A key from another system (`mlflow:<store>:<name>/<version>`); unique, so imports are idempotent. */
  externalId?: string | null;
  /** An explicit number (imports keep theirs); default: one above the highest ever given. */
  version?: number;
  aliases?: string[];
  inputs?: VersionInput[];
  /** Feature set versions (ids) the model was trained on. */
  featureVersionIds?: number[];
  status?: string;
  userId?: string | null;
  createdAt?: number;
  updatedAt?: number;
}

export interface VersionSearch {
  filter?: string;
  name?: string;
  /** Text matched against model name, description and tag values. */
  text?: string;
  /** Versions registered by this pipeline run (any of its steps). */
  runId?: string;
  includeDeleted?: boolean;
  limit?: number;
}

interface VersionRow {
  id: number;
  name: string;
  version: number;
  description: string;
  source_type: VersionSource['type'];
  source_uri: string | null;
  run_id: string | null;
  step: string | null;
  attempt: number | null;
  image_digest: string | null;
  flavor: string | null;
  signature: string | null;
  tree_digest: string | null;
  file_count: number;
  size_bytes: number;
  external_id: string | null;
  status: string;
  user_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

interface ModelRow {
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  latest: number | null;
  count: number;
}

const HEADLINE_ALIAS = 'champion';

/**
 * The catalog's tables (migration 4) and files (a ContentStore under `<home>/catalog`). Registered
 * models, versions (never renumbered, soft-deleted), aliases (one version each; `latest` computed),
 * tags, metrics, params, input digests, lineage, feature sets, and garbage collection.
 */
export class CatalogStore {
  readonly files: ContentStore;
  readonly #store: Store;

  constructor(store: Store, home: string) {
    this.#store = store;
    this.files = new ContentStore(join(home, 'catalog'));
    this.#statements = new StatementCache(store);
    this.#trees = new ContentTrees(store, this.files, this.#statements);
    this.#lineage = new LineageStore(store, this.#statements);
  }

  readonly #statements: StatementCache;
  readonly #trees: ContentTrees;
  readonly #lineage: LineageStore;

  get #db() {
    return this.#store.db;
  }

  #prepare(sql: string): StatementSync {
    return this.#statements.prepare(sql);
  }

  // ---- registered models ------------------------------------------------------------------

  /** Creates the model if it does not exist (or brings back a deleted one); returns it either way. */
  ensureModel(name: string, options: { description?: string; tags?: Record<string, string>; createdAt?: number } = {}): RegisteredModel {
    checkModelName(name);
    const now = Date.now();
    this.#store.transaction(() => {
      const row = this.#prepare('SELECT deleted_at FROM registered_models WHERE name = ?').get(name) as { deleted_at: number | null } | undefined;
      if (!row) {
        this.#db
          .prepare('INSERT INTO registered_models (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)')
          .run(name, options.description ?? '', options.createdAt ?? now, options.createdAt ?? now);
      } else if (row.deleted_at !== null) {
        this.#prepare('UPDATE registered_models SET deleted_at = NULL, updated_at = ? WHERE name = ?').run(now, name);
      }
      if (options.description !== undefined && row) this.#prepare('UPDATE registered_models SET description = ? WHERE name = ?').run(options.description, name);
      for (const [key, value] of Object.entries(options.tags ?? {})) this.#upsertModelTag(name, key, value);
    });
    return this.getModel(name) as RegisteredModel;
  }

  /** A registered model, or null when there is none (or it was deleted). */
  getModel(name: string, options: { includeDeleted?: boolean } = {}): RegisteredModel | null {
    const row = this.#db
      .prepare(
        `SELECT m.name, m.description, m.created_at, m.updated_at, m.deleted_at, m.latest_version AS latest, m.live_versions AS count
         FROM registered_models m WHERE m.name = ?`,
      )
      .get(name) as ModelRow | undefined;
    if (!row || (row.deleted_at !== null && !options.includeDeleted)) return null;
    return this.#modelFromRow(row);
  }

  requireModel(name: string): RegisteredModel {
    const model = this.getModel(name);
    if (!model) throw new ApiError('not_found', `No model "${name}": list models with benchtop models ls.`);
    return model;
  }

  /**
   * The Models page's first load: every live model with its champion (else latest) version. Its
   * cost does not grow with the number of versions: the count and latest version are columns kept
   * by triggers (migration 11), the headlines are read by key.
   */
  listModels(options: { text?: string; limit?: number } = {}): ModelSummary[] {
    const like = options.text ? `%${options.text.replaceAll('%', '\\%').replaceAll('_', '\\_')}%` : null;
    const rows = this.#prepare(
      `SELECT m.name, m.description, m.created_at, m.updated_at, m.deleted_at, m.latest_version AS latest, m.live_versions AS count
       FROM registered_models m
       WHERE m.deleted_at IS NULL AND (? IS NULL OR m.name LIKE ? ESCAPE '\\' OR m.description LIKE ? ESCAPE '\\')
       ORDER BY m.updated_at DESC, m.name LIMIT ?`,
    ).all(like, like, like, options.limit ?? 500) as unknown as ModelRow[];
    const models = rows.map((row) => this.#modelFromRow(row));
    const headlineIds = models.flatMap((m) => {
      const version = m.aliases[HEADLINE_ALIAS] ?? m.latestVersion;
      return version === null || version === undefined ? [] : [[m.name, version] as const];
    });
    const versions = this.#versionsByKeys(headlineIds);
    return models.map((m) => ({ ...m, headline: versions.get(`${m.name}\u0000${m.aliases[HEADLINE_ALIAS] ?? m.latestVersion}`) ?? null }));
  }

  setModelDescription(name: string, description: string): RegisteredModel {
    this.requireModel(name);
    this.#prepare('UPDATE registered_models SET description = ?, updated_at = ? WHERE name = ?').run(description, Date.now(), name);
    return this.requireModel(name);
  }

  /** Sets (and with `remove`, deletes) tags on a model. */
  setModelTags(name: string, tags: Record<string, string>, remove: string[] = []): RegisteredModel {
    this.requireModel(name);
    this.#store.transaction(() => {
      for (const [key, value] of Object.entries(tags)) this.#upsertModelTag(name, key, value);
      for (const key of remove) this.#prepare('DELETE FROM registered_model_tags WHERE name = ? AND key = ?').run(name, key);
      this.#prepare('UPDATE registered_models SET updated_at = ? WHERE name = ?').run(Date.now(), name);
    });
    return this.requireModel(name);
  }

  /** Soft-deletes a model and its versions; `benchtop gc` frees their files. */
  deleteModel(name: string): void {
    this.requireModel(name);
    const now = Date.now();
    this.#store.transaction(() => {
      this.#prepare('UPDATE model_versions SET deleted_at = ? WHERE name = ? AND deleted_at IS NULL').run(now, name);
      this.#prepare('DELETE FROM model_aliases WHERE name = ?').run(name);
      this.#prepare('UPDATE registered_models SET deleted_at = ?, updated_at = ? WHERE name = ?').run(now, now, name);
    });
  }

  // ---- versions ---------------------------------------------------------------------------

  /** Stores the files (de-duplicated) and records a new version with everything it carries. */
  async createVersion(request: NewVersionRequest): Promise<ModelVersion> {
    checkModelName(request.name);
    for (const alias of request.aliases ?? []) checkAlias(alias);
    if (request.externalId && this.findVersionByExternalId(request.externalId)) {
      throw new ApiError('conflict', `A version with external id ${request.externalId} exists already: look it up with findVersionByExternalId.`);
    }
    const entries = await this.#trees.storeFiles(request.files ?? null);
    const mlmodel = entries ? await readMlmodel(this.files, entries) : null;
    const signature = request.signature !== undefined ? request.signature : (mlmodel?.signature ?? null);
    const flavor = request.flavor !== undefined ? request.flavor : (mlmodel?.flavor ?? null);
    const now = Date.now();
    const id = this.#store.transaction(() => {
      const tree = entries ? this.#trees.recordTreeInTransaction(entries) : null;
      this.#ensureModelRow(request.name, now);
      const number = request.version ?? this.#nextVersion(request.name);
      if (this.#prepare('SELECT 1 FROM model_versions WHERE name = ? AND version = ?').get(request.name, number)) {
        throw new ApiError('conflict', `Model "${request.name}" already has a version ${number}.`);
      }
      const source = request.source ?? { type: 'manual' as const };
      const result = this.#db
        .prepare(
          `INSERT INTO model_versions (name, version, description, source_type, source_uri, run_id, step, attempt, image_digest, flavor, signature,
             tree_digest, file_count, size_bytes, external_id, status, user_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          request.name,
          number,
          request.description ?? '',
          source.type,
          source.uri ?? null,
          source.runId ?? null,
          source.step ?? null,
          source.attempt ?? null,
          source.imageDigest ?? null,
          flavor,
          signature === null || signature === undefined ? null : JSON.stringify(signature),
          tree?.digest ?? null,
          tree?.fileCount ?? 0,
          tree?.totalSize ?? 0,
          request.externalId ?? null,
          request.status ?? 'READY',
          request.userId ?? null,
          request.createdAt ?? now,
          request.updatedAt ?? request.createdAt ?? now,
        );
      const versionId = Number(result.lastInsertRowid);
      const insertMetric = this.#prepare('INSERT INTO model_version_metrics (version_id, key, value) VALUES (?, ?, ?)');
      for (const [key, value] of Object.entries(request.metrics ?? {})) insertMetric.run(versionId, key, value === null || Number.isNaN(value) ? null : value);
      const insertParam = this.#prepare('INSERT INTO model_version_params (version_id, key, value) VALUES (?, ?, ?)');
      for (const [key, value] of Object.entries(request.params ?? {})) insertParam.run(versionId, key, value);
      const insertTag = this.#prepare('INSERT INTO model_version_tags (version_id, key, value) VALUES (?, ?, ?)');
      for (const [key, value] of Object.entries(request.tags ?? {})) insertTag.run(versionId, key, value);
      const insertInput = this.#prepare('INSERT OR REPLACE INTO model_version_inputs (version_id, name, digest, run_id, step, artifact) VALUES (?, ?, ?, ?, ?, ?)');
      for (const input of request.inputs ?? []) insertInput.run(versionId, input.name, input.digest, input.runId, input.step, input.artifact);
      const insertFeature = this.#prepare('INSERT OR IGNORE INTO model_version_features (version_id, feature_version_id) VALUES (?, ?)');
      for (const featureVersionId of request.featureVersionIds ?? []) insertFeature.run(versionId, featureVersionId);
      for (const alias of request.aliases ?? []) this.#pointAlias(request.name, alias, versionId, now);
      this.#prepare('UPDATE registered_models SET updated_at = ? WHERE name = ?').run(now, request.name);
      return versionId;
    });
    return this.getVersionById(id) as ModelVersion;
  }

  findVersionByExternalId(externalId: string): ModelVersion | null {
    const row = this.#prepare('SELECT id FROM model_versions WHERE external_id = ?').get(externalId) as { id: number } | undefined;
    return row ? this.getVersionById(row.id) : null;
  }

  /** A live version of `name` from `runId` whose files are exactly `treeDigest` (to move an alias instead of duplicating). */
  findVersionByContent(name: string, runId: string, digest: string): ModelVersion | null {
    const row = this.#db
      .prepare('SELECT id FROM model_versions WHERE run_id = ? AND tree_digest = ? AND name = ? AND deleted_at IS NULL ORDER BY version LIMIT 1')
      .get(runId, digest, name) as { id: number } | undefined;
    return row ? this.getVersionById(row.id) : null;
  }

  getVersionById(id: number): ModelVersion | null {
    const row = this.#prepare('SELECT * FROM model_versions WHERE id = ?').get(id) as VersionRow | undefined;
    return row ? (this.#hydrate([row])[0] ?? null) : null;
  }

  /** A version by number, by alias, or `latest`. */
  getVersion(name: string, ref: number | string): ModelVersion {
    const model = this.requireModel(name);
    const number = resolveRef(model, ref);
    if (number === null) throw new ApiError('not_found', `Model "${name}" has no version or alias "${ref}": see benchtop models show ${name}.`);
    const row = this.#prepare('SELECT * FROM model_versions WHERE name = ? AND version = ? AND deleted_at IS NULL').get(name, number) as VersionRow | undefined;
    if (!row) throw new ApiError('not_found', `Model "${name}" has no version ${number} (deleted or never made): see benchtop models show ${name}.`);
    return this.#hydrate([row])[0];
  }

  /** The live versions of one model, newest first. */
  listVersions(name: string): ModelVersion[] {
    this.requireModel(name);
    const rows = this.#prepare('SELECT * FROM model_versions WHERE name = ? AND deleted_at IS NULL ORDER BY version DESC').all(name) as unknown as VersionRow[];
    return this.#hydrate(rows);
  }

  /** Versions matching a filter (`accuracy > 0.9 AND tags.team = 'x'`), newest first. */
  searchVersions(search: VersionSearch = {}): ModelVersion[] {
    const parsed = parseVersionFilter(search.filter ?? '');
    if (!parsed.ok) throw new ApiError('invalid_input', describeFilterError(search.filter ?? '', parsed.error), { column: parsed.error.column });
    const where: string[] = [];
    const args: SQLInputValue[] = [];
    if (!search.includeDeleted) where.push('v.deleted_at IS NULL');
    if (search.name) {
      where.push('v.name = ?');
      args.push(search.name);
    }
    if (search.runId) {
      where.push('v.run_id = ?');
      args.push(search.runId);
    }
    if (search.text) {
      const like = `%${search.text.replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
      where.push(`(v.name LIKE ? ESCAPE '\\' OR v.description LIKE ? ESCAPE '\\' OR v.id IN (SELECT version_id FROM model_version_tags WHERE value LIKE ? ESCAPE '\\'))`);
      args.push(like, like, like);
    }
    const compiled = compileFilter(parsed.clauses);
    where.push(...compiled.where);
    args.push(...compiled.args);
    const rows = this.#db
      .prepare(`SELECT v.* FROM model_versions v ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.created_at DESC, v.id DESC LIMIT ?`)
      .all(...args, search.limit ?? 100) as unknown as VersionRow[];
    return this.#hydrate(rows);
  }

  setVersionDescription(name: string, ref: number | string, description: string): ModelVersion {
    const version = this.getVersion(name, ref);
    this.#prepare('UPDATE model_versions SET description = ?, updated_at = ? WHERE id = ?').run(description, Date.now(), version.id);
    return this.getVersionById(version.id) as ModelVersion;
  }

  setVersionTags(name: string, ref: number | string, tags: Record<string, string>, remove: string[] = []): ModelVersion {
    const version = this.getVersion(name, ref);
    this.#store.transaction(() => {
      const upsert = this.#prepare('INSERT INTO model_version_tags (version_id, key, value) VALUES (?, ?, ?) ON CONFLICT (version_id, key) DO UPDATE SET value = excluded.value');
      for (const [key, value] of Object.entries(tags)) upsert.run(version.id, key, value);
      for (const key of remove) this.#prepare('DELETE FROM model_version_tags WHERE version_id = ? AND key = ?').run(version.id, key);
      this.#prepare('UPDATE model_versions SET updated_at = ? WHERE id = ?').run(Date.now(), version.id);
    });
    return this.getVersionById(version.id) as ModelVersion;
  }

  /** Soft-deletes a version (its aliases go with it); `benchtop gc` frees its files. */
  deleteVersion(name: string, ref: number | string): ModelVersion {
    const version = this.getVersion(name, ref);
    const now = Date.now();
    this.#store.transaction(() => {
      this.#prepare('UPDATE model_versions SET deleted_at = ?, updated_at = ? WHERE id = ?').run(now, now, version.id);
      this.#prepare('DELETE FROM model_aliases WHERE version_id = ?').run(version.id);
      this.#prepare('UPDATE registered_models SET updated_at = ? WHERE name = ?').run(now, name);
    });
    return this.getVersionById(version.id) as ModelVersion;
  }

  /** The files of a version: path, blob digest, size, mode. */
  versionFiles(name: string, ref: number | string): TreeEntry[] {
    const version = this.getVersion(name, ref);
    return version.treeDigest ? this.treeEntries(version.treeDigest) : [];
  }

  // ---- aliases ----------------------------------------------------------------------------

  /** Points `alias` at a version (moving it from another one). */
  setAlias(name: string, alias: string, version: number): ModelVersion {
    checkAlias(alias);
    const target = this.getVersion(name, version);
    this.#store.transaction(() => this.#pointAlias(name, alias, target.id, Date.now()));
    return this.getVersionById(target.id) as ModelVersion;
  }

  deleteAlias(name: string, alias: string): void {
    this.requireModel(name);
    const result = this.#prepare('DELETE FROM model_aliases WHERE name = ? AND alias = ?').run(name, alias);
    if (Number(result.changes) === 0) throw new ApiError('not_found', `Model "${name}" has no alias "${alias}".`);
  }

  // ---- lineage ----------------------------------------------------------------------------

  /** Records nodes and edges (idempotent): the graph that links datasets, steps, artifacts and versions. */
  addLineage(nodes: LineageNode[], edges: { source: string; target: string; relation: string }[]): void {
    this.#lineage.add(nodes, edges);
  }

  /** Everything upstream of a node (a version: `model_version:<id>`), as a graph. */
  lineageOf(nodeId: string): LineageGraph {
    return this.#lineage.upstreamOf(nodeId);
  }

  versionLineage(name: string, ref: number | string): LineageGraph {
    const version = this.getVersion(name, ref);
    const graph = this.lineageOf(versionNodeId(version.id));
    if (graph.nodes.length > 0) return graph;
    return { nodes: [{ id: versionNodeId(version.id), kind: 'model_version', label: `${name} v${version.version}`, runId: version.source.runId, step: version.source.step, digest: version.treeDigest }], edges: [] };
  }

  // ---- files ------------------------------------------------------------------------------

  /** Stores files and records their tree; for callers (imports) that keep their own owners. */
  putTree(path: string): Promise<{ digest: string; entries: TreeEntry[] }> {
    return this.#trees.putTree(path);
  }

  /** Records a tree of blobs already in the content store (files.putFile / putBytes). */
  recordTree(entries: TreeEntry[]): { digest: string; fileCount: number; totalSize: number } {
    return this.#trees.recordTree(entries);
  }

  treeEntries(digest: string): TreeEntry[] {
    return this.#trees.entries(digest);
  }

  /** Keeps a tree alive for an owner outside models and features (an imported run's artifacts). */
  setArtifactRoot(ownerKind: string, ownerId: string, digest: string): void {
    this.#trees.setArtifactRoot(ownerKind, ownerId, digest);
  }

  deleteArtifactRoot(ownerKind: string, ownerId: string): void {
    this.#trees.deleteArtifactRoot(ownerKind, ownerId);
  }

  /** Mark and sweep of trees and blobs (catalog-gc.ts). */
  gc(options: { dryRun?: boolean } = {}): Promise<GcReport> {
    return collectGarbage(this.#store, this.files, this.#statements, options);
  }

  // ---- internals --------------------------------------------------------------------------

  #ensureModelRow(name: string, now: number): void {
    const row = this.#prepare('SELECT deleted_at FROM registered_models WHERE name = ?').get(name) as { deleted_at: number | null } | undefined;
    if (!row) this.#prepare('INSERT INTO registered_models (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)').run(name, '', now, now);
    else if (row.deleted_at !== null) this.#prepare('UPDATE registered_models SET deleted_at = NULL WHERE name = ?').run(name);
  }

  #nextVersion(name: string): number {
    const row = this.#prepare('SELECT MAX(version) AS max FROM model_versions WHERE name = ?').get(name) as { max: number | null };
    return (row.max ?? 0) + 1;
  }

  #pointAlias(name: string, alias: string, versionId: number, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO model_aliases (name, alias, version_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name, alias) DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at`,
      )
      .run(name, alias, versionId, now);
    this.#prepare('UPDATE registered_models SET updated_at = ? WHERE name = ?').run(now, name);
  }

  #upsertModelTag(name: string, key: string, value: string): void {
    this.#prepare('INSERT INTO registered_model_tags (name, key, value) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET value = excluded.value').run(name, key, value);
  }

  #modelFromRow(row: ModelRow): RegisteredModel {
    const tags = Object.fromEntries(
      (this.#prepare('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key').all(row.name) as { key: string; value: string }[]).map((t) => [t.key, t.value]),
    );
    const aliases = Object.fromEntries(
      (
        this.#prepare('SELECT a.alias, v.version FROM model_aliases a JOIN model_versions v ON v.id = a.version_id WHERE a.name = ? ORDER BY a.alias').all(row.name) as {
          alias: string;
          version: number;
        }[]
      ).map((a) => [a.alias, a.version]),
    );
    return {
      name: row.name,
      description: row.description,
      tags,
      aliases,
      latestVersion: row.latest ?? null,
      versionCount: row.count ?? 0,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    };
  }

  #versionsByKeys(keys: (readonly [string, number])[]): Map<string, ModelVersion> {
    if (keys.length === 0) return new Map();
    const rows = this.#db
      .prepare(
        `SELECT v.* FROM json_each(?) k JOIN model_versions v ON v.name = json_extract(k.value, '$[0]') AND v.version = json_extract(k.value, '$[1]')`,
      )
      .all(JSON.stringify(keys)) as unknown as VersionRow[];
    return new Map(this.#hydrate(rows).map((v) => [`${v.name}\u0000${v.version}`, v]));
  }

  /** Rows → versions, with tags, metrics, params, aliases, inputs and features in one query each. */
  #hydrate(rows: VersionRow[]): ModelVersion[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const group = <T extends { version_id: number }>(sql: string): Map<number, T[]> => {
      const map = new Map<number, T[]>();
      for (const item of this.#prepare(sql).all(ids) as unknown as T[]) {
        const list = map.get(item.version_id) ?? [];
        list.push(item);
        map.set(item.version_id, list);
      }
      return map;
    };
    const inIds = 'version_id IN (SELECT value FROM json_each(?))';
    const tags = group<{ version_id: number; key: string; value: string }>(`SELECT version_id, key, value FROM model_version_tags WHERE ${inIds} ORDER BY key`);
    const metrics = group<{ version_id: number; key: string; value: number | null }>(`SELECT version_id, key, value FROM model_version_metrics WHERE ${inIds} ORDER BY key`);
    const params = group<{ version_id: number; key: string; value: string }>(`SELECT version_id, key, value FROM model_version_params WHERE ${inIds} ORDER BY key`);
    const aliases = group<{ version_id: number; alias: string }>(`SELECT version_id, alias FROM model_aliases WHERE ${inIds} ORDER BY alias`);
    const inputs = group<{ version_id: number; name: string; digest: string; run_id: string | null; step: string | null; artifact: string | null }>(
      `SELECT * FROM model_version_inputs WHERE ${inIds} ORDER BY name`,
    );
    const features = group<{ version_id: number; name: string; version: number }>(
      `SELECT f.version_id, s.name, s.version FROM model_version_features f JOIN feature_set_versions s ON s.id = f.feature_version_id WHERE f.${inIds} ORDER BY s.name`,
    );
    const pairs = <T extends { key: string }, V>(list: T[] | undefined, value: (t: T) => V) => Object.fromEntries((list ?? []).map((t) => [t.key, value(t)]));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      version: row.version,
      description: row.description,
      source: { type: row.source_type, uri: row.source_uri, runId: row.run_id, step: row.step, attempt: row.attempt, imageDigest: row.image_digest },
      flavor: row.flavor,
      signature: row.signature === null ? null : (JSON.parse(row.signature) as unknown),
      treeDigest: row.tree_digest,
      fileCount: row.file_count,
      sizeBytes: row.size_bytes,
      externalId: row.external_id,
      status: row.status,
      userId: row.user_id,
      metrics: pairs(metrics.get(row.id), (m) => m.value),
      params: pairs(params.get(row.id), (p) => p.value),
      tags: pairs(tags.get(row.id), (t) => t.value),
      aliases: (aliases.get(row.id) ?? []).map((a) => a.alias),
      inputs: (inputs.get(row.id) ?? []).map((i) => ({ name: i.name, digest: i.digest, runId: i.run_id, step: i.step, artifact: i.artifact })),
      features: (features.get(row.id) ?? []).map((f) => ({ name: f.name, version: f.version })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    }));
  }
}

export function versionNodeId(versionId: number): string {
  return `model_version:${versionId}`;
}

function resolveRef(model: RegisteredModel, ref: number | string): number | null {
  if (typeof ref === 'number') return ref;
  if (/^\d+$/.test(ref)) return Number(ref);
  if (/^v\d+$/i.test(ref)) return Number(ref.slice(1));
  if (ref === 'latest') return model.latestVersion;
  return model.aliases[ref] ?? null;
}

function checkModelName(name: string): void {
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new ApiError('invalid_input', `"${name}" is not a model name: use 1–256 characters without "/", "%" or control characters, and no leading or trailing space.`);
  }
}

function checkAlias(alias: string): void {
  if (!ALIAS_PATTERN.test(alias)) throw new ApiError('invalid_input', `"${alias}" is not an alias: use letters, digits, "_" and "-".`);
  if (RESERVED_ALIAS.test(alias)) throw new ApiError('invalid_input', `"${alias}" is reserved (latest and v<N> are computed): pick another alias, e.g. champion.`);
}
