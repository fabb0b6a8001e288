import { readdirSync, statSync, type Dirent } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { DirectoryEntry, DirectoryListing } from '../../../shared/api/methods/files.ts';
import { ApiError } from '../../../shared/api/errors.ts';

/** Sub-folders listed at most; a folder with more says `truncated`. */
export const MAX_DIRECTORY_ENTRIES = 5000;

export interface ListDirectoriesOptions {
  showHidden?: boolean;
  /** Where a browse starts when no path is given; the user's home folder by default. */
  home?: string;
  limit?: number;
}

function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return 'the user running Benchtop';
  }
}

/** The error a person can act on for a failed stat/readdir of `path`. */
export function listingError(path: string, error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new ApiError('not_found', `There is no folder at ${path}: check the path, or pick one of its parents.`, { reason: 'not_found', path });
  if (code === 'ENOTDIR') return new ApiError('invalid_input', `${path} is a file, not a folder: pick the folder that holds it.`, { reason: 'not_a_folder', path });
  if (code === 'EACCES' || code === 'EPERM') {
    return new ApiError('invalid_input', `Benchtop runs as ${whoRuns()}, who may not open ${path}: pick another folder or change its permissions.`, { reason: 'no_permission', path });
  }
  return new ApiError('internal', `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
}

function isFolder(path: string, entry: Dirent): { folder: boolean; link: boolean } {
  if (entry.isDirectory()) return { folder: true, link: false };
  if (!entry.isSymbolicLink()) return { folder: false, link: false };
  try {
    return { folder: statSync(path).isDirectory(), link: true };
  } catch {
    return { folder: false, link: true }; // a dangling link leads nowhere
  }
}

/** The sub-folders of `path` (absolute), sorted by name, with the errors a person can act on. */
export function listDirectories(path: string | undefined, options: ListDirectoriesOptions = {}): DirectoryListing {
  const home = options.home ?? homedir();
  const limit = options.limit ?? MAX_DIRECTORY_ENTRIES;
  const asked = path ?? home;
  if (!isAbsolute(asked)) {
    throw new ApiError('invalid_input', `"${asked}" is not an absolute path: give the full path of a folder, e.g. ${home}.`, { reason: 'relative', path: asked });
  }
  const folder = resolve(asked);
  let stats;
  try {
    stats = statSync(folder);
  } catch (error) {
    throw listingError(folder, error);
  }
  if (!stats.isDirectory()) throw listingError(folder, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));

  let dirents: Dirent[];
  try {
    dirents = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw listingError(folder, error);
  }
  const entries: DirectoryEntry[] = [];
  for (const entry of dirents) {
    if (!options.showHidden && entry.name.startsWith('.')) continue;
    const full = join(folder, entry.name);
    const kind = isFolder(full, entry);
    if (kind.folder) entries.push({ name: entry.name, path: full, link: kind.link });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }));
  const parent = dirname(folder);
  return { path: folder, parent: parent === folder ? null : parent, home, entries: entries.slice(0, limit), truncated: entries.length > limit };
}
