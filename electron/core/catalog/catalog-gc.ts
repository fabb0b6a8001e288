import type { GcReport } from '../../../shared/catalog/model.ts';
import type { Store } from '../store/database.ts';
import type { ContentStore } from './content-store.ts';
import type { StatementCache } from './statement-cache.ts';

/**
 * Mark and sweep: a tree is live while a live version, feature set version or artifact root
 * names it; a blob while a live tree holds it. Everything else goes (dry run: only counted).
 */
export async function collectGarbage(store: Store, files: ContentStore, statements: StatementCache, options: { dryRun?: boolean } = {}): Promise<GcReport> {
  const live = `SELECT tree_digest FROM model_versions WHERE deleted_at IS NULL AND tree_digest IS NOT NULL
     UNION SELECT tree_digest FROM feature_set_versions WHERE deleted_at IS NULL AND tree_digest IS NOT NULL
     UNION SELECT tree_digest FROM catalog_artifact_roots WHERE deleted_at IS NULL`;
  const plan = () => {
    const trees = statements.prepare(`SELECT digest FROM catalog_trees WHERE digest NOT IN (${live})`).all() as { digest: string }[];
    const blobs = store.db
      .prepare(`SELECT digest, size FROM catalog_blobs WHERE digest NOT IN (SELECT blob_digest FROM catalog_tree_entries WHERE tree_digest IN (${live}))`)
      .all() as { digest: string; size: number }[];
    const purged =
      (statements.prepare('SELECT COUNT(*) AS n FROM model_versions WHERE deleted_at IS NOT NULL AND tree_digest IS NOT NULL').get() as { n: number }).n +
      (statements.prepare('SELECT COUNT(*) AS n FROM feature_set_versions WHERE deleted_at IS NOT NULL AND tree_digest IS NOT NULL').get() as { n: number }).n +
      (statements.prepare('SELECT COUNT(*) AS n FROM catalog_artifact_roots WHERE deleted_at IS NOT NULL').get() as { n: number }).n;
    return { trees, blobs, purged };
  };
  if (options.dryRun) {
    const { trees, blobs, purged } = plan();
    return { dryRun: true, blobs: blobs.length, bytes: blobs.reduce((sum, b) => sum + b.size, 0), trees: trees.length, purged };
  }
  const { trees, blobs, purged } = store.transaction(() => {
    const result = plan();
    // Soft-deleted rows stay as tombstones (numbers are never reused, imports stay idempotent) but let go of their files.
    statements.prepare('UPDATE model_versions SET tree_digest = NULL WHERE deleted_at IS NOT NULL AND tree_digest IS NOT NULL').run();
    statements.prepare('UPDATE feature_set_versions SET tree_digest = NULL WHERE deleted_at IS NOT NULL AND tree_digest IS NOT NULL').run();
    statements.prepare('DELETE FROM catalog_artifact_roots WHERE deleted_at IS NOT NULL').run();
    const dropTree = statements.prepare('DELETE FROM catalog_trees WHERE digest = ?');
    // Deleted tracking runs and logged models (their artifact roots are gone) let go of freed trees.
    const releaseRun = statements.prepare('UPDATE mlflow_runs SET artifacts_tree = NULL WHERE artifacts_tree = ?');
    const releaseModel = statements.prepare('UPDATE mlflow_logged_models SET artifacts_tree = NULL WHERE artifacts_tree = ?');
    for (const tree of result.trees) {
      releaseRun.run(tree.digest);
      releaseModel.run(tree.digest);
      dropTree.run(tree.digest);
    }
    const dropBlob = statements.prepare('DELETE FROM catalog_blobs WHERE digest = ?');
    for (const blob of result.blobs) dropBlob.run(blob.digest);
    return result;
  });
  for (const blob of blobs) await files.remove(blob.digest);
  return { dryRun: false, blobs: blobs.length, bytes: blobs.reduce((sum, b) => sum + b.size, 0), trees: trees.length, purged };
}
