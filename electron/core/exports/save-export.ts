import { randomBytes } from 'node:crypto';
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';

/** Where an export goes by default: beside the pipeline file (or in `fallbackDir` for unsaved text). */
export function defaultExportPath(pipelineFile: string | null, fileName: string, fallbackDir: string): string {
  return join(pipelineFile ? dirname(resolve(pipelineFile)) : fallbackDir, fileName);
}

/**
 * Writes atomically (temp file + rename). An existing file is replaced only when `overwrite` is
 * set; otherwise a conflict error that says how to confirm.
 */
export async function writeExport(path: string, text: string, overwrite: boolean): Promise<number> {
  if (!isAbsolute(path)) throw new ApiError('invalid_input', `"${path}" is not an absolute path: give the full path of the file to write.`);
  const existing = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (existing?.isDirectory()) throw new ApiError('invalid_input', `${path} is a folder: give a file path.`);
  if (existing && !overwrite) throw new ApiError('conflict', `${path} already exists: confirm to replace it (--force on the command line), or choose another path.`);
  const parent = await stat(dirname(path)).catch(() => null);
  if (!parent?.isDirectory()) throw new ApiError('not_found', `The folder ${dirname(path)} does not exist: create it first or choose another path.`);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return Buffer.byteLength(text);
}
