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
  /** SIGTERM, or the signal given (SIGKILL: a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `benchtop web` as a user would and returns the URL it prints. */
export async function startWebHostProcess(env: NodeJS.ProcessEnv = {}): Promise<RunningWebHost> {
  return startWebHostIn(mkdtempSync(join(tmpdir(), 'benchtop-e2e-')), { env });
}

/** `benchtop web` on a given data folder (and port: 0 picks a free one; the same port again restarts it where a page expects it). */
export async function startWebHostIn(home: string, options: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningWebHost> {
  const child = spawn(process.execPath, [cli, 'web', '--port', String(options.port ?? 0)], {
    env: { ...process.env, BENCHTOP_HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`benchtop web printed no URL within 30 s:\n${output}`)), 30_000);
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
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
