import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../electron/cli/main.ts', import.meta.url));

export interface RunningWebHost {
  url: string;
  home: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `benchtop web` as a user would and returns the URL it prints. */
export async function startWebHostProcess(env: NodeJS.ProcessEnv = {}): Promise<RunningWebHost> {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-e2e-'));
  const child = spawn(process.execPath, [cli, 'web', '--port', '0'], {
    env: { ...process.env, BENCHTOP_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`benchtop web printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`benchtop web exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    home,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
