import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary } from '../../../../shared/pipeline/run-model.ts';
import type { ServerMessage } from '../../../../shared/api/wire.ts';
import { openStore } from '../../store/database.ts';
import { TEST_IMAGE } from '../test-support.ts';
import { invoke, openSocket, startWebHost, type WebHostProcess } from './web-host-process.ts';

// Chaos 3: eight `benchtop run` processes at once plus the web host (which runs one more and
// follows every run), all on one SQLite database, on the real engine.
const home = mkdtempSync(join(tmpdir(), 'benchtop-chaos-writers-'));
const cli = fileURLToPath(new URL('../../../cli/main.ts', import.meta.url));
const file = join(home, 'writers.yaml');
const text = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: chaos-writers, labels: { benchtop.test: '1' } }
params: { n: { default: '0' } }
defaults: { cache: false }
steps:
  a: { image: ${TEST_IMAGE}, command: [sh, -c, 'echo a\${params.n}'], outputs: { params: { v: { path: /tmp/v, default: x } } } }
  b: { image: ${TEST_IMAGE}, depends: [a], command: [sh, -c, 'echo b'] }
  c: { image: ${TEST_IMAGE}, depends: [a], command: [sh, -c, 'echo c'] }
`;
let host: WebHostProcess;

function runCli(n: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'run', file, '--param', `n=${n}`], { env: { ...process.env, BENCHTOP_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('chaos: eight CLI runs and the web host on one database', () => {
  beforeAll(async () => {
    writeFileSync(file, text);
    host = await startWebHost(home);
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('loses no write and hits no lock error', async () => {
    const started = Date.now();
    const ws = await openSocket(host);
    // The web host follows every run (its external-run watcher reads what the CLIs write).
    const seen = new Map<string, string>();
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.t === 'next' && message.id === 7) {
        const event = message.value as RunEvent;
        if (event.type === 'run' && event.state !== 'running') seen.set(event.runId, event.state);
      }
    });
    ws.send(JSON.stringify({ t: 'open', id: 7, method: 'runs.events', input: {} }));
    let hostLog = '';
    host.process.stderr?.on('data', (chunk: Buffer) => (hostLog += chunk.toString()));
    const cliRuns = Promise.all(Array.from({ length: 8 }, (_, n) => runCli(n + 1)));
    const own = await invoke(ws, 8, 'pipelines.run', { text, file, params: { n: '99' } });
    const results = await cliRuns;
    expect(own.t === 'result' && own.envelope.ok).toBe(true);
    const ownId = own.t === 'result' && own.envelope.ok ? (own.envelope.value as { runId: string }).runId : '';
    // The web host's own run ends on its own, and the CLIs' last writes reach it through its watcher: wait (bounded) for all nine ends.
    for (let i = 0; i < 150 && (seen.size < 9 || !seen.has(ownId)); i++) await new Promise((resolve) => setTimeout(resolve, 200));
    const listed = await invoke(ws, 9, 'runs.list', { limit: 50 });
    ws.close();
    const runs = listed.t === 'result' && listed.envelope.ok ? (listed.envelope.value as RunSummary[]) : [];
    const store = openStore(join(home, 'benchtop.db'));
    const attempts = (store.db.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE state = 'succeeded'").get() as { n: number }).n;
    const params = (store.db.prepare("SELECT COUNT(*) AS n FROM run_params WHERE name = 'n'").get() as { n: number }).n;
    const integrity = (store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    const stepTrouble = (store.db.prepare("SELECT step, state, message FROM run_steps WHERE state NOT IN ('succeeded')").all() as { step: string; state: string; message: string }[]).map((r) => `${r.step} ${r.state}: ${r.message}`);
    store.close();
    const allOutput = results.map((r) => r.out + r.err).join('\n') + hostLog;
    const lockErrors = allOutput.match(/SQLITE_BUSY|database is locked|SQLITE_LOCKED/g)?.length ?? 0;
    console.log(
      `chaos 3 (concurrent writers): 8 CLI runs + 1 web host run in ${((Date.now() - started) / 1000).toFixed(1)}s; exit codes ${results.map((r) => r.code).join(',')}; ` +
        `runs listed ${runs.length} (${runs.filter((r) => r.state === 'succeeded').length} succeeded); succeeded attempts ${attempts}/27; params ${params}/9; ` +
        `run ends the web host saw ${seen.size}/9; lock errors ${lockErrors}; integrity ${integrity}; step trouble: ${stepTrouble.join(' | ') || 'none'}; failures: ${runs.filter((r) => r.state !== 'succeeded').map((r) => `${r.id} ${r.message}`).join('; ') || 'none'}; ${results.filter((r) => r.code !== 0).map((r) => r.err.trim().split('\n').at(-1)).join('; ')}; missed: ${runs.filter((r) => !seen.has(r.id)).map((r) => `${r.id}${r.id === ownId ? ' (the host\'s own)' : ''}`).join(', ') || 'none'}`,
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(runs).toHaveLength(9);
    expect(runs.every((r) => r.state === 'succeeded' && Object.values(r.steps).every((s) => s === 'succeeded'))).toBe(true);
    expect(attempts).toBe(27);
    expect(params).toBe(9);
    expect(lockErrors).toBe(0);
    expect(integrity).toBe('ok');
    expect(seen.size).toBe(9);
  }, 150_000);
});
