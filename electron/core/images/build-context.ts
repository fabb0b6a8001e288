import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import dockerignore, { type Ignore } from '@balena/dockerignore';
import { ApiError } from '../../../shared/api/errors.ts';

// The package is CommonJS (module.exports = factory) while its types declare a default export.
const createIgnore = dockerignore as unknown as (options: { ignorecase: boolean }) => Ignore;

export interface BuildContext {
  /** Absolute folder. */
  dir: string;
  /** Dockerfile path relative to dir, with forward slashes. */
  dockerfile: string;
  /** Files sent to the engine, relative to dir, forward slashes; .dockerignore applied. */
  files: string[];
  bytes: number;
}

/**
 * Checks the folder and its Dockerfile and lists what the engine receives: every file not
 * excluded by .dockerignore (the Dockerfile and .dockerignore always go, as with docker build).
 * Ignored folders are not walked.
 */
export async function readBuildContext(folder: string, dockerfile: string, signal?: AbortSignal): Promise<BuildContext> {
  if (!isAbsolute(folder)) throw new ApiError('invalid_input', `The build context "${folder}" is not an absolute path: give the full path of the folder that holds the Dockerfile.`);
  const dir = resolve(folder);
  const info = await stat(dir).catch(() => null);
  if (!info) throw new ApiError('invalid_input', `The build context folder ${dir} does not exist: check the path.`);
  if (!info.isDirectory()) throw new ApiError('invalid_input', `The build context ${dir} is a file, not a folder: give the folder that holds the Dockerfile.`);
  const dockerfilePath = resolve(dir, dockerfile);
  const inside = relative(dir, dockerfilePath);
  if (inside.startsWith('..') || isAbsolute(inside)) throw new ApiError('invalid_input', `The Dockerfile ${dockerfile} is outside the build context ${dir}: put it inside the folder.`);
  const dockerfileInfo = await stat(dockerfilePath).catch(() => null);
  if (!dockerfileInfo?.isFile()) throw new ApiError('invalid_input', `There is no ${dockerfile} in ${dir}: add one, or name the Dockerfile to use.`);

  const ignoreText = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => '');
  const ignore = createIgnore({ ignorecase: false }).add(ignoreText);
  const alwaysSent = new Set([toPosix(inside), '.dockerignore']);
  const files: string[] = [];
  let bytes = 0;

  const walk = async (folderRel: string): Promise<void> => {
    if (signal?.aborted) throw new ApiError('cancelled', 'Cancelled while reading the build context.');
    const entries = await readdir(join(dir, folderRel), { withFileTypes: true });
    for (const entry of entries) {
      const rel = folderRel ? `${folderRel}/${entry.name}` : entry.name;
      const ignored = ignore.ignores(rel) && !alwaysSent.has(rel);
      if (entry.isDirectory()) {
        // A negated pattern may re-include something below an ignored folder: walk it then.
        if (ignored && !/^\s*!/m.test(ignoreText)) continue;
        await walk(rel);
      } else if (!ignored && (entry.isFile() || entry.isSymbolicLink())) {
        files.push(rel);
        if (entry.isFile()) bytes += (await stat(join(dir, rel))).size;
      }
    }
  };
  await walk('');
  return { dir, dockerfile: toPosix(inside), files: files.sort(), bytes };
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
