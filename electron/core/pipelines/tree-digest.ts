import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** sha256 over the sorted relative paths and file contents of a folder, and its total size. */
export async function digestTree(root: string): Promise<{ sha256: string; size: number }> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  await walk(root);
  files.sort();
  const tree = createHash('sha256');
  let size = 0;
  for (const file of files) {
    const content = createHash('sha256');
    for await (const chunk of createReadStream(file)) content.update(chunk as Buffer);
    size += (await stat(file)).size;
    tree.update(`${relative(root, file).split(sep).join('/')}\0${content.digest('hex')}\n`);
  }
  return { sha256: tree.digest('hex'), size };
}
