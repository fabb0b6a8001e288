import { ApiError } from '../../../shared/api/errors.ts';
import type { FeatureSet, FeatureSetVersion, TreeEntry } from '../../../shared/catalog/model.ts';
import type { Store } from '../store/database.ts';
import type { CatalogStore } from './catalog-store.ts';

export interface NewFeatureSetVersion {
  name: string;
  /** A folder or file on this machine, or a tree already stored. */
  files?: { path: string } | { entries: TreeEntry[] } | null;
  /** column → dtype; replaces the set's feature list. */
  schema?: Record<string, string>;
  entity?: string | null;
  eventTime?: string | null;
  owner?: string | null;
  description?: string;
  tags?: Record<string, string>;
  runId?: string | null;
  step?: string | null;
  attempt?: number | null;
  /** Where the table lives inside its files (e.g. `table.csv`). */
  artifactPath?: string | null;
  newestEventTime?: string | null;
  rowCount?: number | null;
  createdAt?: number;
}

interface SetRow {
  name: string;
  description: string;
  owner: string | null;
  entity: string | null;
  event_time: string | null;
  created_at: number;
  updated_at: number;
}

interface SetVersionRow {
  id: number;
  version: number;
  run_id: string | null;
  step: string | null;
  attempt: number | null;
  artifact_path: string | null;
  tree_digest: string | null;
  newest_event_time: string | null;
  row_count: number | null;
  created_at: number;
}

/** Feature sets (a table of features about one entity), their versions, and the models trained on them. */
export class FeatureCatalog {
  readonly #store: Store;
  readonly #catalog: CatalogStore;

  constructor(store: Store, catalog: CatalogStore) {
    this.#store = store;
    this.#catalog = catalog;
  }

  async register(request: NewFeatureSetVersion): Promise<{ set: FeatureSet; versionId: number }> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(request.name)) {
      throw new ApiError('invalid_input', `"${request.name}" is not a feature set name: use letters, digits, ".", "_" and "-".`);
    }
    const tree = request.files ? ('path' in request.files ? await this.#catalog.putTree(request.files.path) : this.#catalog.recordTree(request.files.entries)) : null;
    const now = request.createdAt ?? Date.now();
    const db = this.#store.db;
    const versionId = this.#store.transaction(() => {
      const existing = db.prepare('SELECT name FROM feature_sets WHERE name = ?').get(request.name);
      if (!existing) {
        db.prepare('INSERT INTO feature_sets (name, description, owner, entity, event_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          request.name,
          request.description ?? '',
          request.owner ?? null,
          request.entity ?? null,
          request.eventTime ?? null,
          now,
          now,
        );
      } else {
        db.prepare(
          `UPDATE feature_sets SET deleted_at = NULL, updated_at = ?, description = COALESCE(?, description), owner = COALESCE(?, owner),
             entity = COALESCE(?, entity), event_time = COALESCE(?, event_time) WHERE name = ?`,
        ).run(now, request.description ?? null, request.owner ?? null, request.entity ?? null, request.eventTime ?? null, request.name);
      }
      for (const [key, value] of Object.entries(request.tags ?? {})) {
        db.prepare('INSERT INTO feature_set_tags (name, key, value) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET value = excluded.value').run(request.name, key, value);
      }
      if (request.schema) {
        const keep = Object.keys(request.schema);
        db.prepare('DELETE FROM features WHERE set_name = ? AND name NOT IN (SELECT value FROM json_each(?))').run(request.name, JSON.stringify(keep));
        const upsert = db.prepare('INSERT INTO features (set_name, name, dtype) VALUES (?, ?, ?) ON CONFLICT (set_name, name) DO UPDATE SET dtype = excluded.dtype');
        for (const [column, dtype] of Object.entries(request.schema)) upsert.run(request.name, column, dtype);
      }
      const next = (db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS n FROM feature_set_versions WHERE name = ?').get(request.name) as { n: number }).n;
      const result = db
        .prepare(
          `INSERT INTO feature_set_versions (name, version, run_id, step, attempt, artifact_path, tree_digest, newest_event_time, row_count, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(request.name, next, request.runId ?? null, request.step ?? null, request.attempt ?? null, request.artifactPath ?? null, tree?.digest ?? null, request.newestEventTime ?? null, request.rowCount ?? null, now);
      return Number(result.lastInsertRowid);
    });
    return { set: this.get(request.name), versionId };
  }

  /** Feature set versions a run produced (to link the models trained downstream). */
  versionsFromRun(runId: string): { id: number; name: string; step: string | null }[] {
    return this.#store.db.prepare('SELECT id, name, step FROM feature_set_versions WHERE run_id = ? AND deleted_at IS NULL').all(runId) as { id: number; name: string; step: string | null }[];
  }

  list(): FeatureSet[] {
    const rows = this.#store.db.prepare('SELECT * FROM feature_sets WHERE deleted_at IS NULL ORDER BY name').all() as unknown as SetRow[];
    return rows.map((row) => this.#fromRow(row));
  }

  get(name: string): FeatureSet {
    const row = this.#store.db.prepare('SELECT * FROM feature_sets WHERE name = ? AND deleted_at IS NULL').get(name) as SetRow | undefined;
    if (!row) throw new ApiError('not_found', `No feature set "${name}": list them with benchtop features ls.`);
    return this.#fromRow(row);
  }

  versions(name: string): FeatureSetVersion[] {
    this.get(name);
    const rows = this.#store.db.prepare('SELECT * FROM feature_set_versions WHERE name = ? AND deleted_at IS NULL ORDER BY version DESC').all(name) as unknown as SetVersionRow[];
    return rows.map(versionFromRow);
  }

  /** Soft-deletes a feature set and its versions; gc frees the files. */
  delete(name: string): void {
    this.get(name);
    const now = Date.now();
    this.#store.transaction(() => {
      this.#store.db.prepare('UPDATE feature_set_versions SET deleted_at = ? WHERE name = ? AND deleted_at IS NULL').run(now, name);
      this.#store.db.prepare('UPDATE feature_sets SET deleted_at = ? WHERE name = ?').run(now, name);
    });
  }

  #fromRow(row: SetRow): FeatureSet {
    const db = this.#store.db;
    const tags = Object.fromEntries((db.prepare('SELECT key, value FROM feature_set_tags WHERE name = ? ORDER BY key').all(row.name) as { key: string; value: string }[]).map((t) => [t.key, t.value]));
    const features = db.prepare('SELECT name, dtype, description FROM features WHERE set_name = ? ORDER BY rowid').all(row.name) as { name: string; dtype: string; description: string }[];
    const latest = db.prepare('SELECT * FROM feature_set_versions WHERE name = ? AND deleted_at IS NULL ORDER BY version DESC LIMIT 1').get(row.name) as SetVersionRow | undefined;
    const count = (db.prepare('SELECT COUNT(*) AS n FROM feature_set_versions WHERE name = ? AND deleted_at IS NULL').get(row.name) as { n: number }).n;
    const models = db
      .prepare(
        `SELECT DISTINCT v.name, v.version, s.version AS featureVersion FROM model_version_features f
         JOIN feature_set_versions s ON s.id = f.feature_version_id JOIN model_versions v ON v.id = f.version_id
         WHERE s.name = ? AND v.deleted_at IS NULL ORDER BY v.name, v.version`,
      )
      .all(row.name) as { name: string; version: number; featureVersion: number }[];
    return {
      name: row.name,
      description: row.description,
      owner: row.owner,
      entity: row.entity,
      eventTime: row.event_time,
      tags,
      features,
      latest: latest ? versionFromRow(latest) : null,
      versionCount: count,
      models,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

function versionFromRow(row: SetVersionRow): FeatureSetVersion {
  return {
    id: row.id,
    version: row.version,
    runId: row.run_id,
    step: row.step,
    attempt: row.attempt,
    artifactPath: row.artifact_path,
    treeDigest: row.tree_digest,
    newestEventTime: row.newest_event_time,
    rowCount: row.row_count,
    createdAt: row.created_at,
  };
}
