import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../../shared/api/errors.ts';
import type { MlflowSnapshot } from './model.ts';
import { readFileStore, type ReadOptions } from './read-file-store.ts';
import { readSqliteStore } from './read-sqlite.ts';

/** An mlruns folder or an mlflow.db file, whichever `path` is. */
export async function readMlflowSource(path: string, options: ReadOptions = {}): Promise<MlflowSnapshot> {
  const at = resolve(path);
  if (!existsSync(at)) throw new ApiError('invalid_input', `${at} does not exist. Name an mlruns folder or an mlflow.db file.`);
  return statSync(at).isDirectory() ? readFileStore(at, options) : readSqliteStore(at);
}
