import { existsSync } from 'node:fs';
import { ApiError } from '../../../shared/api/errors.ts';
import type { TreeEntry } from '../../../shared/catalog/model.ts';
import type { Store } from '../store/database.ts';
import { DIGEST_PATTERN, treeDigest, type ContentStore } from './content-store.ts';
import type { StatementCache } from './statement-cache.ts';

/** A version's files: a folder or file on this machine, or entries already in the content store. */
export type VersionFiles = { path: string } | { entries: TreeEntry[] };

/**
 * Content trees: a set of files (path → blob digest) recorded once by its digest, the blobs it
 * holds, and the owners outside models and features that keep a tree alive (artifact roots).
 */
export class ContentTrees {
  readonly #store: Store;
  readonly #files: ContentStore;
  readonly #statements: StatementCache;

  constructor(store: Store, files: ContentStore, statements: StatementCache) {
    this.#store = store;
    this.#files = files;
    this.#statements = statements;
  }

  /** Stores files and records their tree; for callers (imports) that keep their own owners. */
  async putTree(path: string): Promise<{ digest: string; entries: TreeEntry[] }> {
    const entries = (await this.storeFiles({ path })) ?? [];
    const tree = this.#store.transaction(() => this.recordTreeInTransaction(entries));
    return { digest: tree.digest, entries };
  }

  /** Records a tree of blobs already in the content store (files.putFile / putBytes). */
  recordTree(entries: TreeEntry[]): { digest: string; fileCount: number; totalSize: number } {
    for (const entry of entries) {
      if (!DIGEST_PATTERN.test(entry.digest) || !this.#files.has(entry.digest)) throw new ApiError('invalid_input', `Blob ${entry.digest} (${entry.path}) is not in the content store: store it first.`);
    }
    return this.#store.transaction(() => this.recordTreeInTransaction(entries));
  }

  entries(digest: string): TreeEntry[] {
    return this.#statements.prepare('SELECT path, blob_digest AS digest, size, mode FROM catalog_tree_entries WHERE tree_digest = ? ORDER BY path').all(digest) as unknown as TreeEntry[];
  }

  /** Keeps a tree alive for an owner outside models and features (an imported run's artifacts). */
  setArtifactRoot(ownerKind: string, ownerId: string, digest: string): void {
    this.#store.db
      .prepare(
        `INSERT INTO catalog_artifact_roots (owner_kind, owner_id, tree_digest, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (owner_kind, owner_id) DO UPDATE SET tree_digest = excluded.tree_digest, deleted_at = NULL`,
      )
      .run(ownerKind, ownerId, digest, Date.now());
  }

  deleteArtifactRoot(ownerKind: string, ownerId: string): void {
    this.#statements.prepare('UPDATE catalog_artifact_roots SET deleted_at = ? WHERE owner_kind = ? AND owner_id = ?').run(Date.now(), ownerKind, ownerId);
  }

  /** Stores a version's files (a path on this machine, or blobs already stored) and lists them; null without files. */
  async storeFiles(files: VersionFiles | null | undefined): Promise<TreeEntry[] | null> {
    if (!files) return null;
    if ('entries' in files) {
      for (const entry of files.entries) {
        if (!DIGEST_PATTERN.test(entry.digest) || !this.#files.has(entry.digest)) {
          throw new ApiError('invalid_input', `File ${entry.path}: blob ${entry.digest} is not in the content store; store it first (catalog.files.putFile).`);
        }
      }
      return files.entries;
    }
    if (!existsSync(files.path)) throw new ApiError('invalid_input', `${files.path} does not exist: give the path of a model file or folder on this machine.`);
    try {
      const entries = await this.#files.putPath(files.path);
      if (entries.length === 0) throw new ApiError('invalid_input', `${files.path} holds no files: a model version needs at least one.`);
      return entries;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('invalid_input', (error as Error).message);
    }
  }

  /** Records a tree inside the caller's transaction (createVersion's). */
  recordTreeInTransaction(entries: TreeEntry[]): { digest: string; fileCount: number; totalSize: number } {
    const digest = treeDigest(entries);
    const totalSize = entries.reduce((sum, e) => sum + e.size, 0);
    const now = Date.now();
    for (const entry of entries) {
      // The collector may have freed a blob between storing and this transaction.
      if (!this.#files.has(entry.digest)) throw new ApiError('conflict', `The file ${entry.path} vanished from the content store while registering (a gc ran?): register again.`);
    }
    if (!this.#statements.prepare('SELECT 1 FROM catalog_trees WHERE digest = ?').get(digest)) {
      this.#statements.prepare('INSERT INTO catalog_trees (digest, file_count, total_size, created_at) VALUES (?, ?, ?, ?)').run(digest, entries.length, totalSize, now);
      const blob = this.#statements.prepare('INSERT OR IGNORE INTO catalog_blobs (digest, size, created_at) VALUES (?, ?, ?)');
      const entry = this.#statements.prepare('INSERT INTO catalog_tree_entries (tree_digest, path, blob_digest, size, mode) VALUES (?, ?, ?, ?, ?)');
      for (const e of entries) {
        blob.run(e.digest, e.size, now);
        entry.run(digest, e.path, e.digest, e.size, e.mode);
      }
    }
    return { digest, fileCount: entries.length, totalSize };
  }
}
