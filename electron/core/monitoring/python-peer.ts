import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The test-only Python with scipy and evidently (scripts/install-test-peers.sh), or null when absent. */
export function peerPython(root = process.cwd()): string | null {
  const python = join(root, '.venv-peers', 'bin', 'python');
  return existsSync(python) ? python : null;
}

/** Runs a peer script and parses its JSON output (tests only). */
export function runPeer<T>(python: string, script: string, args: string[] = [], input?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(python, [script, ...args], { maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as T);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
