import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Store } from '../store/database.ts';

const SETTING = 'workspaces.folders';

export interface WorkspaceFolder {
  path: string;
  exists: boolean;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folders the user added, kept in the settings table in the order added. */
export class WorkspaceFolders {
  readonly #store: Store;
  constructor(store: Store) {
    this.#store = store;
  }

  paths(): string[] {
    const value = this.#store.getSetting(SETTING);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  list(): WorkspaceFolder[] {
    return this.paths().map((path) => ({ path, exists: isDirectory(path) }));
  }

  add(path: string): WorkspaceFolder[] {
    if (!isAbsolute(path)) throw new ApiError('invalid_input', `"${path}" is not an absolute path: give the full path of a folder, e.g. /home/me/pipelines.`);
    if (!isDirectory(path)) throw new ApiError('not_found', `There is no folder at ${path}: create it first or check the path.`);
    const real = realpathSync(resolve(path));
    const paths = this.paths();
    if (!paths.includes(real)) this.#store.setSetting(SETTING, [...paths, real]);
    return this.list();
  }

  remove(path: string): WorkspaceFolder[] {
    const paths = this.paths();
    const kept = paths.filter((p) => p !== path && p !== resolve(path));
    if (kept.length === paths.length) throw new ApiError('not_found', `${path} is not a workspace folder: see them on the Pipelines page.`);
    this.#store.setSetting(SETTING, kept);
    return this.list();
  }
}
