import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../pipelines/run-store.ts';
import { TEST_IMAGE } from '../pipelines/test-support.ts';
import { openStore } from '../store/database.ts';
import { TrackingStore } from '../tracking/tracking-store.ts';
import { findStepRun } from './step-tracking.ts';

// kill -9 of the real CLI mid-step, then `benchtop runs resume` in a new process (real engine, real
// SQLite): the step's MLflow run, made by the first process, is ended by the one that adopts it.
const home = mkdtempSync(join(tmpdir(), 'benchtop-recovery-tracking-'));
const cli = join(import.meta.dirname, '../../cli/main.ts');
const env = { ...process.env, BENCHTOP_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

function writePipeline(name: string): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\n  labels: { benchtop.test: '1' }\nsteps:\n  long:\n    image: ${TEST_IMAGE}\n    command: [sleep, '4']\n    retry: { limit: 1, policy: OnFailure }\n`);
  return file;
}

async function runAndKill(file: string): Promise<string> {
  const child = spawn(process.execPath, [cli, 'run', file, '--no-cache'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/ long running/.test(out)) resolve();
    });
    child.on('exit', () => reject(new Error(`the CLI ended before "long" ran: ${out}`)));
  });
  const store = openStore(join(home, 'benchtop.db'));
  const [run] = new RunStore(store).listRuns(1);
  store.close();
  for (let i = 0; i < 100 && !execFileSync('docker', ['ps', '-q', '--filter', `label=benchtop.run=${run.id}`, '--filter', 'status=running'], { encoding: 'utf8' }).trim(); i++) await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  return run.id;
}

const statusOf = (runId: string, pipeline: string, attempt: number) => {
  const store = openStore(join(home, 'benchtop.db'));
  try {
    const tracking = new TrackingStore(store);
    const found = findStepRun(tracking, { runId, pipeline, step: 'long', attempt });
    return found ? tracking.requireRun(found.runId).info.status : null;
  } finally {
    store.close();
  }
};

describe('tracking across a kill -9 and resume', { timeout: 120_000 }, () => {
  it('the adopted attempt’s MLflow run ends FINISHED with it', async () => {
    const runId = await runAndKill(writePipeline('track-recover-adopt'));
    expect(statusOf(runId, 'track-recover-adopt', 1)).toBe('RUNNING');
    execFileSync(process.execPath, [cli, 'runs', 'resume', runId], { env, encoding: 'utf8' });
    expect(statusOf(runId, 'track-recover-adopt', 1)).toBe('FINISHED');
  });

  it('a vanished attempt’s run ends FAILED, and its retry gets a run of its own', async () => {
    const runId = await runAndKill(writePipeline('track-recover-lost'));
    execFileSync('docker', ['rm', '-f', ...execFileSync('docker', ['ps', '-aq', '--filter', `label=benchtop.run=${runId}`], { encoding: 'utf8' }).trim().split('\n')]);
    execFileSync(process.execPath, [cli, 'runs', 'resume', runId], { env, encoding: 'utf8' });
    expect(statusOf(runId, 'track-recover-lost', 1)).toBe('FAILED');
    expect(statusOf(runId, 'track-recover-lost', 2)).toBe('FINISHED');
  });
});
