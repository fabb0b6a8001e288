import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { mimeTypeFor } from './mime-types.ts';
import { isInside, looksLikeFile, resolveStaticPath } from './static-path.ts';

export type StaticLookup =
  | { kind: 'file'; file: string; size: number; mimeType: string; isHtml: boolean }
  | { kind: 'not-found' }
  /** The renderer has not been built: there is no index.html in the root. */
  | { kind: 'not-built' };

/**
 * Finds the file that answers `pathname` in a built single-page app: the file itself, else
 * index.html for page-like paths (client-side routes). Symlinks that point outside the root are
 * refused, like `..`.
 */
export async function locateStaticFile(rootDir: string, pathname: string): Promise<StaticLookup> {
  const root = await realRoot(rootDir);
  if (root === null) return { kind: 'not-built' };
  const index = await regularFile(root, path.join(root, 'index.html'));
  if (!index) return { kind: 'not-built' };

  const candidate = resolveStaticPath(root, pathname);
  if (candidate === null) return { kind: 'not-found' };
  const found = candidate === root ? null : await regularFile(root, candidate);
  if (found) return describe(found);
  if (looksLikeFile(pathname)) return { kind: 'not-found' };
  return describe(index);
}

function describe(file: { file: string; size: number }): StaticLookup {
  const mimeType = mimeTypeFor(file.file);
  return { kind: 'file', file: file.file, size: file.size, mimeType, isHtml: mimeType.startsWith('text/html') };
}

async function realRoot(rootDir: string): Promise<string | null> {
  try {
    return await realpath(path.resolve(rootDir));
  } catch {
    return null;
  }
}

async function regularFile(root: string, candidate: string): Promise<{ file: string; size: number } | null> {
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}
