import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore, treeDigest } from './content-store.ts';

let dir: string;
let files: ContentStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'benchtop-cas-'));
  files = new ContentStore(join(dir, 'catalog'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ContentStore', () => {
  it('names blobs by sha256 and stores equal bytes once', async () => {
    writeFileSync(join(dir, 'a'), 'hello');
    const fromFile = await files.putFile(join(dir, 'a'));
    const fromBytes = await files.putBytes(Buffer.from('hello'));
    expect(fromFile).toEqual({ digest: 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', size: 5 });
    expect(fromBytes).toEqual(fromFile);
    expect(files.blobPath(fromFile.digest)).toBe(join(dir, 'catalog', 'blobs', 'sha256', '2c', 'f24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'));
    expect((await files.read(fromFile.digest)).toString()).toBe('hello');
    expect(readdirSync(join(dir, 'catalog', 'blobs', 'sha256', '2c'))).toHaveLength(1);
    expect(() => files.blobPath('md5:abc')).toThrow(/Not a sha256 digest/);
  });

  it('walks a folder in a stable order with posix paths, and refuses symbolic links', async () => {
    const model = join(dir, 'model');
    mkdirSync(join(model, 'sub'), { recursive: true });
    writeFileSync(join(model, 'b.txt'), 'b');
    writeFileSync(join(model, 'sub', 'a.txt'), 'a');
    const entries = await files.putPath(model);
    expect(entries.map((e) => [e.path, e.size, e.mode])).toEqual([
      ['b.txt', 1, 0o644],
      ['sub/a.txt', 1, 0o644],
    ]);
    expect(treeDigest(entries)).toBe(treeDigest([...entries].reverse()));
    expect(treeDigest(entries)).not.toBe(treeDigest([{ ...entries[0], path: 'renamed.txt' }, entries[1]]));
    symlinkSync('/etc/hostname', join(model, 'link'));
    await expect(files.putPath(model)).rejects.toThrow(/symbolic link/);
  });
});
