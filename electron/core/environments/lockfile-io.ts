import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { lockfileSchemaFor, type AnyLockfile } from '../../../shared/environments/lockfile.ts';

/** Temp file + rename in the same folder: a reader sees the old lockfile or the new one, never half. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new ApiError('internal', `Could not write ${path}: ${(error as Error).message}. Check the folder is writable.`);
  }
}

export async function writeLockfile(path: string, lock: AnyLockfile): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(lock, null, 2)}\n`);
}

export async function readLockfile(path: string): Promise<AnyLockfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ApiError('not_found', `There is no lockfile at ${path}: launch the environment once (benchtop env up) to write it.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError('invalid_input', `${path}: not valid JSON (${(error as Error).message}); restore it from version control or launch again to rewrite it.`);
  }
  const result = lockfileSchemaFor(json).safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiError('invalid_input', `${path}: ${issue.path.join('.') || 'the file'}: ${issue.message} (${z.prettifyError(result.error).split('\n').length} problem(s)); restore it or launch again to rewrite it.`);
  }
  return result.data;
}
