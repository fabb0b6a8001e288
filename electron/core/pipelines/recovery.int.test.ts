import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/database.ts';
import { RunStore } from './run-store.ts';
import { containersOfRun, TEST_IMAGE } from './test-support.ts';

// kill -9 of the real CLI mid-run, then `benchtop runs resume` in a new process, on the real engine.
const home = mkdtempSync(join(tmpdir(), 'benchtop-recovery-'));
const cli = join(import.meta.dirname, '../../cli/main.ts');
const env = { ...process.env, BENCHTOP_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

function writePipeline(name: string): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(
    file,
    `apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: ${name}
  labels: { benchtop.test: '1' }
steps:
  first:
    image: ${TEST_IMAGE}
    command: ['true']
  long:
    image: ${TEST_IMAGE}
    command: [sleep, '5']
    depends: [first]
    retry: { limit: 1, policy: OnFailure }
  last:
    image: ${TEST_IMAGE}
    command: ['true']
    depends: [long]
`,
  );
  return file;
}

/** Starts `benchtop run FILE`, kills it with SIGKILL once `long` runs; returns the run id. */
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
  // The test (not the product) waits for the container to run, so the kill lands mid-step.
  for (let i = 0; i < 100 && !runningContainerOf(run.id); i++) await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  return run.id;
}

function runningContainerOf(runId: string): boolean {
  return execFileSync('docker', ['ps', '-q', '--filter', `label=benchtop.run=${runId}`, '--filter', 'status=running'], { encoding: 'utf8' }).trim() !== '';
}

function resume(runId: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [cli, 'runs', 'resume', runId], { env, encoding: 'utf8' }) };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { code: failure.status, out: failure.stdout + failure.stderr };
  }
}

function detailOf(runId: string) {
  const store = openStore(join(home, 'benchtop.db'));
  const detail = new RunStore(store).getRun(runId);
  store.close();
  if (!detail) throw new Error(`no run ${runId}`);
  return detail;
}

describe('recovery after kill -9', { timeout: 120_000 }, () => {
  it('re-adopts the running container, follows it and carries on: nothing lost or run twice', async () => {
    const runId = await runAndKill(writePipeline('it-recover-adopt'));
    expect(containersOfRun(runId)).toHaveLength(1);
    const resumed = resume(runId);
    expect(resumed.out).toContain(`run ${runId} succeeded`);
    expect(resumed.code).toBe(0);
    const detail = detailOf(runId);
    expect(detail.state).toBe('succeeded');
    expect(detail.steps.map((s) => [s.name, s.state, s.attempts.length])).toEqual([
      ['first', 'succeeded', 1],
      ['long', 'succeeded', 1],
      ['last', 'succeeded', 1],
    ]);
    expect(containersOfRun(runId)).toEqual([]);
  });

  it('marks a container that vanished meanwhile as lost and retries it by policy', async () => {
    const runId = await runAndKill(writePipeline('it-recover-lost'));
    execFileSync('docker', ['rm', '-f', ...containersOfRun(runId)]);
    const resumed = resume(runId);
    expect(resumed.code).toBe(0);
    const long = detailOf(runId).steps.find((s) => s.name === 'long');
    expect(long?.state).toBe('succeeded');
    expect(long?.attempts.map((a) => [a.state, a.reason])).toEqual([
      ['lost', 'lost: its container vanished while Benchtop was not running'],
      ['succeeded', null],
    ]);
  });
});
