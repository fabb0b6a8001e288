import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../electron/core/pipelines/chaos/web-host-process.ts';

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
  const host = await startWebHost(home, options.env, options.port);
  return { url: host.url, home, process: host.process, stop: host.stop };
}
