/**
 * The folder above an absolute path, as the browser shows it after an error (the core gives the
 * parent of every folder it lists): "/a/b/" → "/a", "/a" → "/", "C:\\a" → "C:\\"; null at a root.
 */
export function parentPath(path: string): string | null {
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const trimmed = path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
  const cut = trimmed.lastIndexOf(separator);
  if (cut < 0) return null;
  const parent = trimmed.slice(0, cut);
  if (parent === '') return trimmed === '/' || trimmed === '' ? null : '/';
  if (/^[A-Za-z]:$/.test(parent)) return trimmed.length > 3 ? `${parent}\\` : null;
  return parent;
}
