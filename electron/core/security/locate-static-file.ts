import { lstat, realpath, stat } from 'node:fs/promises';
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
 * index.html for page-like paths (client-side routes, see isClientRoute). Symlinks that point outside the root are
 * refused, like `..`.
 */
export async function locateStaticFile(rootDir: string, pathname: string): Promise<StaticLookup> {
  const root = await realRoot(rootDir);
  if (root === null) return { kind: 'not-built' };
  const index = await regularFile(root, path.join(root, 'index.html'));
  if (!index) return { kind: 'not-built' };

  const candidate = resolveStaticPath(root, pathname);
  const found = candidate === null || candidate === root ? null : await regularFile(root, candidate);
  if (found) return describe(found);
  if ((candidate === null || looksLikeFile(pathname)) && !(await isClientRoute(root, pathname))) return { kind: 'not-found' };
  return describe(index);
}

/**
 * A path below a first segment that names nothing in the build (`/pipelines/%2Fhome%2Fa%2Fp.yaml`,
 * `/models/iris.v2`): a view's address, even with a dot or an encoded separator in its last segment.
 * `/assets/missing.js`, `/missing.png` and malformed paths at the top stay 404.
 */
async function isClientRoute(root: string, pathname: string): Promise<boolean> {
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length < 2 || !/^[a-z][a-z0-9-]*$/.test(segments[0])) return false;
  return lstat(path.join(root, segments[0])).then(
    () => false,
    () => true,
  );
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
