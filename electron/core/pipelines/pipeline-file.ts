import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ApiError } from '../../../shared/api/errors.ts';

const MAX_BYTES = 1_000_000;

/**
 * Reads a pipeline file for the UI. The text is returned even when the pipeline is invalid (the
 * run dialog shows its problems), but a file that is not meant as a Benchtop pipeline is refused.
 */
export async function readPipelineFile(file: string): Promise<{ file: string; text: string }> {
  if (!isAbsolute(file)) throw new ApiError('invalid_input', `${file} is not an absolute path: give the full path of the pipeline file.`);
  const path = resolve(file);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ApiError('not_found', `Cannot read ${path} (${error.code ?? error.message}): check the path.`);
  });
  if (!info.isFile()) throw new ApiError('invalid_input', `${path} is not a file: give the path of a pipeline .yaml file.`);
  if (info.size > MAX_BYTES) throw new ApiError('invalid_input', `${path} is larger than 1 MB; a pipeline file is much smaller: check the path.`);
  const text = await readFile(path, 'utf8');
  const document = parseDocument(text);
  const head = document.errors.length === 0 ? (document.toJS() as unknown) : null;
  const kind = head && typeof head === 'object' ? (head as Record<string, unknown>).kind : undefined;
  const apiVersion = head && typeof head === 'object' ? (head as Record<string, unknown>).apiVersion : undefined;
  if (document.errors.length === 0 && (kind !== 'Pipeline' || apiVersion !== 'benchtop/v1')) {
    throw new ApiError('invalid_input', `${path} is not a Benchtop pipeline: its first lines must say apiVersion: benchtop/v1 and kind: Pipeline.`);
  }
  return { file: path, text };
}
