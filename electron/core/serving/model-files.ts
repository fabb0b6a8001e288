import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TreeEntry } from '../../../shared/catalog/model.ts';
import type { ContentStore } from '../catalog/content-store.ts';

/**
 * The files of a version laid out as a folder the container mounts read-only:
 * `<home>/serving/models/<tree digest>/<root>`, each file a hard link to its read-only blob in the
 * content store (a copy where the folders are on different disks). Made once per tree, through a
 * temp folder and a rename, so a half-made folder is never mounted.
 */
export async function materializeTree(files: ContentStore, servingDir: string, treeDigest: string, entries: readonly TreeEntry[]): Promise<string> {
  const target = join(servingDir, 'models', treeDigest.replace(/^sha256:/, '').slice(0, 32));
  if (existsSync(target)) return target;
  const temp = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    for (const entry of entries) {
      if (entry.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`The tree holds an unsafe path: ${entry.path}`);
      const path = join(temp, ...entry.path.split('/'));
      await mkdir(dirname(path), { recursive: true, mode: 0o755 });
      const blob = files.blobPath(entry.digest);
      try {
        await link(blob, path);
      } catch {
        await copyFile(blob, path);
        await chmod(path, 0o444);
      }
    }
    await mkdir(temp, { recursive: true, mode: 0o755 });
    await rename(temp, target).catch(async (error: unknown) => {
      if (!existsSync(target)) throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return target;
}
