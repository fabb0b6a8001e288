import { closeSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { PIPELINE_EXTENSIONS } from './workspace-files.ts';

export const SCAN_LIMITS = { maxDepth: 8, maxEntries: 50_000, maxFiles: 1_000 } as const;
const IGNORED = new Set(['node_modules', '__pycache__', 'venv', 'dist', 'build', 'target', 'site-packages']);
const HEAD_BYTES = 4096;

export interface FoundFile {
  file: string;
  folder: string;
  relative: string;
}

/** A YAML file whose first 4 kB carry top-level `apiVersion: benchtop/v1` and `kind: Pipeline`. */
export function looksLikePipeline(head: string): boolean {
  return /^apiVersion:\s*['"]?benchtop\/v1['"]?\s*(#.*)?$/m.test(head) && /^kind:\s*['"]?Pipeline['"]?\s*(#.*)?$/m.test(head);
}

function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Pipeline files under the folders, breadth first, skipping hidden folders, dependency and build
 * folders and links; stops at the limits and says so (`truncated`).
 */
export function scanForPipelines(folders: readonly string[], limits: { maxDepth: number; maxEntries: number; maxFiles: number } = SCAN_LIMITS): { files: FoundFile[]; truncated: boolean } {
  const files: FoundFile[] = [];
  let entries = 0;
  let truncated = false;
  for (const folder of folders) {
    const queue: [string, number][] = [[folder, 0]];
    while (queue.length > 0) {
      const [dir, depth] = queue.shift() as [string, number];
      let listing: Dirent[];
      try {
        listing = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      listing.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of listing) {
        if (++entries > limits.maxEntries || files.length >= limits.maxFiles) {
          truncated = true;
          return { files, truncated };
        }
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (IGNORED.has(entry.name)) continue;
          if (depth + 1 <= limits.maxDepth) queue.push([path, depth + 1]);
          else truncated = true;
        } else if (entry.isFile() && PIPELINE_EXTENSIONS.includes(extname(entry.name)) && !entry.name.endsWith('.layout.json')) {
          try {
            if (looksLikePipeline(readHead(path))) files.push({ file: path, folder, relative: relative(folder, path) });
          } catch {
            // Unreadable files are not pipelines the user can open.
          }
        }
      }
    }
  }
  return { files, truncated };
}
