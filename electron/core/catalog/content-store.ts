import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { TreeEntry } from '../../../shared/catalog/model.ts';

export interface StoredBlob {
  digest: string;
  size: number;
}

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Files by their sha256 under `<root>/blobs/sha256/ab/<rest>`: each content once, written through a
 * temp file and a rename (a crash never leaves half a blob under its name), then made read-only.
 */
export class ContentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  blobPath(digest: string): string {
    if (!DIGEST_PATTERN.test(digest)) throw new Error(`Not a sha256 digest: ${digest}`);
    const hex = digest.slice('sha256:'.length);
    return join(this.root, 'blobs', 'sha256', hex.slice(0, 2), hex.slice(2));
  }

  has(digest: string): boolean {
    return existsSync(this.blobPath(digest));
  }

  async putFile(path: string): Promise<StoredBlob> {
    const temp = await this.#tempPath();
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        createReadStream(path),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temp, { mode: 0o600 }),
      );
      return await this.#settle(temp, `sha256:${hash.digest('hex')}`, size);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async putBytes(bytes: Uint8Array): Promise<StoredBlob> {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (this.has(digest)) return { digest, size: bytes.length };
    const temp = await this.#tempPath();
    try {
      await writeFile(temp, bytes, { mode: 0o600 });
      return await this.#settle(temp, digest, bytes.length);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Every regular file under dir (or the file itself), stored; symlinks and special files are refused. */
  async putPath(path: string): Promise<TreeEntry[]> {
    const info = await stat(path);
    if (info.isFile()) {
      const blob = await this.putFile(path);
      return [{ path: path.split(/[\\/]/).at(-1) ?? 'file', digest: blob.digest, size: blob.size, mode: info.mode & 0o111 ? 0o755 : 0o644 }];
    }
    if (!info.isDirectory()) throw new Error(`${path} is neither a file nor a folder.`);
    const entries: TreeEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const name of (await readdir(dir)).sort()) {
        const full = join(dir, name);
        const entry = await lstat(full);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const blob = await this.putFile(full);
          entries.push({ path: relative(path, full).split(sep).join('/'), digest: blob.digest, size: blob.size, mode: entry.mode & 0o111 ? 0o755 : 0o644 });
        } else if (entry.isSymbolicLink()) {
          throw new Error(`${full} is a symbolic link: the catalog stores files only; copy the target in its place.`);
        }
      }
    };
    await walk(path);
    return entries;
  }

  /** Re-hashes a blob: false when it is missing or its bytes no longer match its name. */
  async verify(digest: string): Promise<boolean> {
    const path = this.blobPath(digest);
    if (!existsSync(path)) return false;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return `sha256:${hash.digest('hex')}` === digest;
  }

  read(digest: string): Promise<Buffer> {
    return readFile(this.blobPath(digest));
  }

  async remove(digest: string): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  async #tempPath(): Promise<string> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  }

  async #settle(temp: string, digest: string, size: number): Promise<StoredBlob> {
    const target = this.blobPath(digest);
    if (!existsSync(target)) {
      await mkdir(join(target, '..'), { recursive: true });
      await chmod(temp, 0o444);
      await rename(temp, target);
    }
    return { digest, size };
  }
}

/** The digest of a tree: sha256 over its sorted entries (path, blob, mode), so equal content → equal digest. */
export function treeDigest(entries: readonly TreeEntry[]): string {
  const lines = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.mode.toString(8)} ${e.digest} ${e.size}\t${e.path}\n`)
    .join('');
  return `sha256:${createHash('sha256').update(lines).digest('hex')}`;
}
