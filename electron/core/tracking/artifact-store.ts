import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { TreeEntry } from '../../../shared/catalog/model.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { Store } from '../store/database.ts';
import { invalid, notFound } from './errors.ts';

/** Whose files a path of the `mlflow-artifacts:` namespace names. */
export interface ArtifactOwner {
  kind: 'run' | 'model';
  id: string;
  experimentId: string;
  /** The path inside the owner's artifacts ('' = the root). */
  path: string;
}

export interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

const OWNER_KIND = { run: 'mlflow_run', model: 'mlflow_logged_model' } as const;
const TABLE = { run: { table: 'mlflow_runs', key: 'run_id' }, model: { table: 'mlflow_logged_models', key: 'model_id' } } as const;

/** MLflow's validate_path_is_safe: relative, no `..`, no backslash tricks, no scheme. */
export function checkArtifactPath(path: string): string {
  const decoded = path;
  if (decoded.startsWith('/') || decoded.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.split('/').some((part) => part === '..' || part === '.')) {
    throw invalid(`Invalid path: ${path}`);
  }
  return decoded.replace(/\/+$/, '');
}

/**
 * Run and logged-model artifacts in the catalog's content store. A run's files are one tree
 * (`mlflow_runs.artifacts_tree`), kept alive by the artifact root `mlflow_run/<run id>`; a logged
 * model's likewise (`mlflow_logged_model/<model id>`). Each upload stores the blob, then writes the
 * new tree and points the owner at it; deleting a run drops its root, so `benchtop gc` frees its
 * files. Paths are the proxy's: `<experiment>/<run id>/artifacts/<path>` and
 * `<experiment>/models/<model id>/artifacts/<path>`.
 */
export class ArtifactStore {
  readonly #store: Store;
  readonly #catalog: CatalogStore;

  constructor(store: Store, catalog: CatalogStore) {
    this.#store = store;
    this.#catalog = catalog;
  }

  /** The owner of a proxy path, or a RESOURCE_DOES_NOT_EXIST error. */
  resolve(proxyPath: string): ArtifactOwner {
    const path = checkArtifactPath(proxyPath);
    const parts = path.split('/');
    if (parts.length >= 4 && parts[1] === 'models' && parts[3] === 'artifacts') {
      const row = this.#store.db.prepare('SELECT experiment_id FROM mlflow_logged_models WHERE model_id = ?').get(parts[2]) as { experiment_id: string } | undefined;
      if (!row) throw notFound(`Logged model with ID '${parts[2]}' not found.`);
      return { kind: 'model', id: parts[2], experimentId: row.experiment_id, path: parts.slice(4).join('/') };
    }
    if (parts.length >= 3 && parts[2] === 'artifacts') {
      const row = this.#store.db.prepare('SELECT experiment_id FROM mlflow_runs WHERE run_id = ?').get(parts[1]) as { experiment_id: string } | undefined;
      if (!row) throw notFound(`Run with id=${parts[1]} not found`);
      return { kind: 'run', id: parts[1], experimentId: row.experiment_id, path: parts.slice(3).join('/') };
    }
    throw notFound(`No artifact location ${proxyPath}: Benchtop serves <experiment>/<run id>/artifacts/… and <experiment>/models/<model id>/artifacts/….`);
  }

  /** The owner's current tree digest, or null. */
  tree(owner: Pick<ArtifactOwner, 'kind' | 'id'>): string | null {
    const { table, key } = TABLE[owner.kind];
    const row = this.#store.db.prepare(`SELECT artifacts_tree FROM ${table} WHERE ${key} = ?`).get(owner.id) as { artifacts_tree: string | null } | undefined;
    return row?.artifacts_tree ?? null;
  }

  entries(owner: Pick<ArtifactOwner, 'kind' | 'id'>): TreeEntry[] {
    const digest = this.tree(owner);
    return digest ? this.#catalog.treeEntries(digest) : [];
  }

  /** Streams a body into the content store, then adds (or replaces) the file in the owner's tree. */
  async put(owner: ArtifactOwner, body: Readable): Promise<void> {
    if (owner.path === '') throw invalid('An artifact upload needs a file path under the artifacts folder.');
    const tmpDir = join(this.#catalog.files.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const temp = join(tmpDir, `upload-${process.pid}-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(body, createWriteStream(temp, { mode: 0o600 }));
      const blob = await this.#catalog.files.putFile(temp);
      // From here on everything is synchronous: no other request interleaves with this tree update.
      const entries = this.entries(owner).filter((e) => e.path !== owner.path && !e.path.startsWith(`${owner.path}/`));
      entries.push({ path: owner.path, digest: blob.digest, size: blob.size, mode: 0o644 });
      this.#point(owner, entries);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The file at the owner's path (digest and size), or null. */
  file(owner: ArtifactOwner): TreeEntry | null {
    return this.entries(owner).find((e) => e.path === owner.path) ?? null;
  }

  blobPath(entry: TreeEntry): string {
    return this.#catalog.files.blobPath(entry.digest);
  }

  /** The direct children of a folder: files with sizes and sub-folders; paths relative to `prefix` or full. */
  list(owner: Pick<ArtifactOwner, 'kind' | 'id'>, folder: string, options: { fullPaths: boolean }): FileInfo[] {
    const dir = folder.replace(/\/+$/, '');
    const prefix = dir === '' ? '' : `${dir}/`;
    const seen = new Map<string, FileInfo>();
    for (const entry of this.entries(owner)) {
      if (!entry.path.startsWith(prefix)) continue;
      const rest = entry.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      const path = options.fullPaths ? `${prefix}${name}` : name;
      if (slash < 0) seen.set(name, { path, is_dir: false, file_size: entry.size });
      else if (!seen.has(name)) seen.set(name, { path, is_dir: true });
    }
    // A path that names a file lists nothing (MLflow's local repository does the same).
    return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Removes a file or a whole folder from the owner's tree. */
  delete(owner: ArtifactOwner): void {
    const before = this.entries(owner);
    const after = owner.path === '' ? [] : before.filter((e) => e.path !== owner.path && !e.path.startsWith(`${owner.path}/`));
    if (after.length === before.length && owner.path !== '') throw notFound(`No artifact at ${owner.path}.`);
    this.#point(owner, after);
  }

  /** Gives the owner a copy of files held elsewhere (e.g. a registered version's tree). */
  copyTree(owner: Pick<ArtifactOwner, 'kind' | 'id'>, entries: TreeEntry[]): void {
    this.#point(owner, entries);
  }

  #point(owner: Pick<ArtifactOwner, 'kind' | 'id'>, entries: TreeEntry[]): void {
    const { table, key } = TABLE[owner.kind];
    if (entries.length === 0) {
      this.#store.transaction(() => {
        this.#store.db.prepare(`UPDATE ${table} SET artifacts_tree = NULL WHERE ${key} = ?`).run(owner.id);
        this.#catalog.deleteArtifactRoot(OWNER_KIND[owner.kind], owner.id);
      });
      return;
    }
    const tree = this.#catalog.recordTree(entries);
    this.#store.transaction(() => {
      this.#store.db.prepare(`UPDATE ${table} SET artifacts_tree = ? WHERE ${key} = ?`).run(tree.digest, owner.id);
      this.#catalog.setArtifactRoot(OWNER_KIND[owner.kind], owner.id, tree.digest);
    });
  }
}
