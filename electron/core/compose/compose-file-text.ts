import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';

/** The largest compose file the editor reads or writes. */
export const MAX_COMPOSE_FILE_BYTES = 1_000_000;

/** What the file held when read: saving refuses when the file on disk no longer matches. */
export const textVersion = (text: string): string => createHash('sha256').update(text).digest('hex');

function checkPath(file: string): void {
  if (!isAbsolute(file)) throw new ApiError('invalid_input', `The compose file path "${file}" is relative: give the absolute path.`);
}

async function readText(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    if (Buffer.byteLength(text) > MAX_COMPOSE_FILE_BYTES) throw new ApiError('invalid_input', `${file} is larger than 1 MB: edit it in a text editor.`);
    return text;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('not_found', `There is no file ${file}: check the path.`);
    throw new ApiError('invalid_input', `${file} cannot be read (${code ?? String(error)}): check its permissions.`);
  }
}

export async function readComposeFile(file: string): Promise<{ file: string; text: string; version: string }> {
  checkPath(file);
  const text = await readText(file);
  return { file, text, version: textVersion(text) };
}

/** Writes the editor's text, unless the file changed on disk since the editor read `version`. */
export async function saveComposeFile(file: string, text: string, version: string): Promise<{ file: string; version: string }> {
  checkPath(file);
  const current = await readText(file);
  if (textVersion(current) !== version) {
    throw new ApiError('conflict', `${file} changed on disk since it was opened: reload it (your edits are lost) or copy them out first.`);
  }
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new ApiError('invalid_input', `${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its permissions.`);
  }
  return { file, version: textVersion(text) };
}
