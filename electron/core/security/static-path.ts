import path from 'node:path';

/**
 * Maps a URL pathname (still percent-encoded) to a file inside `rootDir`, or null when it is
 * malformed or would leave the root (`..`, encoded `%2e%2e%2f`, backslashes, NUL bytes).
 * Pure: it never touches the file system (see locate-static-file.ts for symlinks).
 */
export function resolveStaticPath(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = path.resolve(rootDir);
  // join() treats a leading '/' as a plain segment and folds `..`; the result must stay inside.
  const candidate = path.resolve(path.join(root, decoded));
  if (!isInside(root, candidate)) return null;
  return candidate;
}

/** True when `target` is `root` or below it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path whose last segment has an extension names a file: a miss is a 404, not the SPA page. */
export function looksLikeFile(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(last);
}
