import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';

export const PIPELINE_EXTENSIONS = ['.yaml', '.yml'];
const MAX_FILE_BYTES = 1_000_000;

/** The workspace folder that holds `file` (after resolving links), or an error; a file outside every folder is refused. */
export function resolveInside(folders: readonly string[], file: string, { mustExist }: { mustExist: boolean }): { file: string; folder: string } {
  if (!isAbsolute(file)) throw new ApiError('invalid_input', `"${file}" is not an absolute path.`);
  let real: string;
  try {
    real = mustExist ? realpathSync(file) : join(realpathSync(dirname(file)), basename(file));
  } catch {
    throw new ApiError('not_found', `There is no file at ${file}: refresh the Pipelines page.`);
  }
  for (const folder of folders) {
    const rel = relative(folder, real);
    if (rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return { file: real, folder };
  }
  throw new ApiError('invalid_input', `${file} is not inside a workspace folder: add its folder on the Pipelines page first.`, { outsideWorkspace: dirname(real) });
}

export function checkPipelineExtension(file: string): void {
  if (!PIPELINE_EXTENSIONS.includes(extname(file))) throw new ApiError('invalid_input', `${file} is not a .yaml or .yml file.`);
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function versionOf(mtimeMs: number, bytes: Buffer | string): string {
  return `${Math.trunc(mtimeMs)}-${sha256(bytes)}`;
}

export function readVersioned(file: string): { text: string; version: string } {
  const stat = statSync(file);
  if (!stat.isFile()) throw new ApiError('invalid_input', `${file} is not a file.`);
  if (stat.size > MAX_FILE_BYTES) throw new ApiError('invalid_input', `${file} is larger than 1 MB: a pipeline file is smaller than that.`);
  const bytes = readFileSync(file);
  return { text: bytes.toString('utf8'), version: versionOf(stat.mtimeMs, bytes) };
}

/** Writes through a temp file in the same folder, fsync, then rename: readers see the old or the new file, never half. */
export function writeAtomic(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes `text` unless the file's content changed since `version` was read. */
export function writeIfUnchanged(file: string, text: string, version: string): { version: string } {
  const expected = version.slice(version.indexOf('-') + 1);
  const current = readVersioned(file);
  const actual = current.version.slice(current.version.indexOf('-') + 1);
  if (actual !== expected) {
    throw new ApiError('conflict', `${file} changed on disk since you opened it: copy your edits, reload the file, and apply them again (nothing was written).`, { version: current.version });
  }
  writeAtomic(file, text);
  const stat = statSync(file);
  return { version: versionOf(stat.mtimeMs, text) };
}

/** `dir/pipeline.yaml` → `dir/pipeline.layout.json`. */
export function layoutFileOf(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.layout.json`);
}
