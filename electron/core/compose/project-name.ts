import { basename } from 'node:path';

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/** compose-go NormalizeProjectName: lowercase, drop other characters, trim leading `_`/`-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export type ProjectNameResult = { ok: true; name: string } | { ok: false; message: string };

/**
 * `-p` > COMPOSE_PROJECT_NAME > top-level `name:` > the project folder's name. An explicit
 * -p or COMPOSE_PROJECT_NAME must already be valid; the others are normalised.
 */
export function resolveProjectName(input: { explicit?: string; env?: string; fileName?: string; workingDir: string }): ProjectNameResult {
  for (const [value, source] of [
    [input.explicit, 'The project name'],
    [input.env, 'COMPOSE_PROJECT_NAME'],
  ] as const) {
    if (value === undefined || value === '') continue;
    if (!VALID.test(value)) {
      return { ok: false, message: `${source} "${value}" is not valid: use lowercase letters, digits, "-" and "_", starting with a letter or digit.` };
    }
    return { ok: true, name: value };
  }
  const fromFile = input.fileName ? normalizeProjectName(input.fileName) : '';
  if (fromFile) return { ok: true, name: fromFile };
  const fromDir = normalizeProjectName(basename(input.workingDir));
  if (fromDir) return { ok: true, name: fromDir };
  return { ok: false, message: `The folder name "${basename(input.workingDir)}" gives no valid project name: pass one with -p NAME or set name: in the file.` };
}
