import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../../shared/api/errors.ts';

/**
 * resources/examples of this install: beside the source tree (electron/core/workspaces → ../../../)
 * or the bundle (dist/electron → ../../, inside app.asar when packaged: electron-builder.yml ships
 * resources/** with the app). Null when neither holds it.
 */
export function bundledExamplesDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../../resources/examples'), resolve(here, '../../resources/examples')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The examples' own copy in the data folder: runs and edits happen there, never in the install. */
export function examplesCopyDir(home: string): string {
  return join(home, 'examples');
}

/**
 * Copies the bundled examples into `to`, file by file (readFileSync/writeFileSync: Electron reads
 * them out of app.asar this way; the engine could not mount them there, and an install folder is
 * often read-only). Files already in `to` are kept as they are, so a second call never overwrites
 * an edit. Returns how many files it wrote.
 */
export function copyExamples(from: string, to: string): number {
  let written = 0;
  const walk = (source: string, target: string) => {
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(source)) {
      const sourcePath = join(source, name);
      const targetPath = join(target, name);
      if (statSync(sourcePath).isDirectory()) walk(sourcePath, targetPath);
      else if (!existsSync(targetPath)) {
        writeFileSync(targetPath, readFileSync(sourcePath));
        written++;
      }
    }
  };
  if (!existsSync(from)) throw new ApiError('not_found', `The bundled examples are missing from this install (${from}): reinstall Benchtop.`);
  walk(from, to);
  return written;
}
