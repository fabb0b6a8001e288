import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileMethods } from '../../../shared/api/methods/files.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { listDirectories, listingError } from './directory-listing.ts';
import { createFileHandlers } from './handlers.ts';

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

describe('listDirectories (real temporary folders)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'benchtop-dirs-'));
    for (const name of ['beta', 'Alpha', 'item10', 'item9', '.hidden']) mkdirSync(join(root, name));
    writeFileSync(join(root, 'file.txt'), 'x');
    symlinkSync(join(root, 'beta'), join(root, 'to-beta'));
    symlinkSync(join(root, 'file.txt'), join(root, 'to-file'));
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
  });
  afterEach(() => {
    chmodSync(root, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('lists only sub-folders (links to folders included), sorted by name with numbers in order, hidden ones on request', () => {
    const listing = listDirectories(root);
    expect(listing.path).toBe(root);
    expect(listing.entries.map((e) => e.name)).toEqual(['Alpha', 'beta', 'item9', 'item10', 'to-beta']);
    expect(listing.entries.find((e) => e.name === 'to-beta')).toEqual({ name: 'to-beta', path: join(root, 'to-beta'), link: true });
    expect(listing.entries[0]).toEqual({ name: 'Alpha', path: join(root, 'Alpha'), link: false });
    expect(listing.truncated).toBe(false);
    expect(listDirectories(root, { showHidden: true }).entries.map((e) => e.name)).toContain('.hidden');
  });

  it('gives the parent (null at the root), normalises the path, and starts at home when no path is given', () => {
    expect(listDirectories(join(root, 'beta', '..', 'Alpha')).path).toBe(join(root, 'Alpha'));
    expect(listDirectories(join(root, 'Alpha')).parent).toBe(root);
    expect(listDirectories('/').parent).toBeNull();
    const fromHome = listDirectories(undefined, { home: root });
    expect(fromHome.path).toBe(root);
    expect(fromHome.home).toBe(root);
  });

  it('says truncated past the limit', () => {
    const listing = listDirectories(root, { limit: 2 });
    expect(listing.entries).toHaveLength(2);
    expect(listing.truncated).toBe(true);
  });

  it('refuses precisely: relative path, nothing there, a file, a dangling link', () => {
    const relative = thrown(() => listDirectories('some/where'));
    expect(relative.code).toBe('invalid_input');
    expect(relative.details).toMatchObject({ reason: 'relative' });
    expect(relative.message).toMatch(/not an absolute path/);

    const missing = thrown(() => listDirectories(join(root, 'nope')));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toBe(`There is no folder at ${join(root, 'nope')}: check the path, or pick one of its parents.`);

    const file = thrown(() => listDirectories(join(root, 'file.txt')));
    expect(file.code).toBe('invalid_input');
    expect(file.details).toMatchObject({ reason: 'not_a_folder' });
    expect(file.message).toMatch(/is a file, not a folder/);
    expect(thrown(() => listDirectories(join(root, 'to-file'))).details).toMatchObject({ reason: 'not_a_folder' });
    expect(thrown(() => listDirectories(join(root, 'dangling'))).code).toBe('not_found');
  });

  it('says who may not open a folder without read permission (for real: as nobody when the tests run as root)', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    chmodSync(locked, 0o000);
    let answer: { code: string; message: string; details: unknown };
    if (process.getuid?.() !== 0) {
      const error = thrown(() => listDirectories(locked));
      answer = { code: error.code, message: error.message, details: error.details };
    } else {
      // Root opens everything: ask the same function in a process of the user "nobody".
      chmodSync(root, 0o755);
      const script = `import { listDirectories } from ${JSON.stringify(fileURLToPath(new URL('./directory-listing.ts', import.meta.url)))};
        try { listDirectories(${JSON.stringify(locked)}); console.log('{}'); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, details: e.details })); }`;
      const out = execFileSync('runuser', ['-u', 'nobody', '--', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
      answer = JSON.parse(out.trim().split('\n').pop()!) as typeof answer;
    }
    expect(answer.code).toBe('invalid_input');
    expect(answer.details).toEqual({ reason: 'no_permission', path: locked });
    expect(answer.message).toMatch(new RegExp(`^Benchtop runs as \\S+, who may not open ${locked}: pick another folder or change its permissions\\.$`));
    chmodSync(locked, 0o700);
  });

  // Root reads every folder, so on a test host running as root EACCES cannot happen for real: the
  // mapping of the system's error is checked with the error object Node gives.
  it('names the user and the folder on EACCES / EPERM', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const error = listingError('/root/secret', Object.assign(new Error(code), { code }));
      expect(error.code).toBe('invalid_input');
      expect(error.details).toMatchObject({ reason: 'no_permission', path: '/root/secret' });
      expect(error.message).toMatch(/^Benchtop runs as .+, who may not open \/root\/secret: pick another folder or change its permissions\.$/);
    }
  });

  it('is the handler of files.listDirectories (the contract applies the defaults)', async () => {
    const input = fileMethods['files.listDirectories'].input.parse({ path: root });
    const listing = await createFileHandlers()['files.listDirectories'](input);
    expect(fileMethods['files.listDirectories'].output.parse(listing).entries).toHaveLength(5);
    expect(() => fileMethods['files.listDirectories'].input.parse({ path: root, extra: 1 })).toThrow();
  });
});
