/** POSIX path helpers for host paths named in a config (shared/ cannot use node:path). */

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** `path` resolved against `base` unless it is already absolute. */
export function resolvePath(base: string, path: string): string {
  return normalizePath(isAbsolutePath(path) ? path : `${base}/${path}`);
}

export function dirnameOf(path: string): string {
  const normal = normalizePath(path);
  const index = normal.lastIndexOf('/');
  if (index <= 0) return index === 0 ? '/' : '.';
  return normal.slice(0, index);
}

export function basenameOf(path: string): string {
  const normal = normalizePath(path);
  return normal.slice(normal.lastIndexOf('/') + 1);
}

/** `path` relative to `from` when it is inside it (`.` for the same folder), else null. */
export function relativeInside(from: string, path: string): string | null {
  const base = normalizePath(from);
  const target = normalizePath(path);
  if (target === base) return '.';
  const prefix = base === '/' ? '/' : `${base}/`;
  return target.startsWith(prefix) ? target.slice(prefix.length) : null;
}
