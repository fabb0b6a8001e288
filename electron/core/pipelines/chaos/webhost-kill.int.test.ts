import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../shared/pipeline/run-model.ts';
import type { ServerMessage } from '../../../../shared/api/wire.ts';
import { TEST_IMAGE } from '../test-support.ts';
import { invoke, openSocket, startWebHost, type WebHostProcess } from './web-host-process.ts';

// Chaos 2: the web host killed with -9 mid-run and started again on the same data folder, real
// engine: the new host re-adopts the run (its container kept running), and a log stream opened
// again gets the whole log, each line once, no gap.
const home = mkdtempSync(join(tmpdir(), 'benchtop-chaos-kill-'));
const hosts: WebHostProcess[] = [];
afterAll(async () => {
  for (const host of hosts) await host.stop('SIGKILL');
  if (!process.env.CHAOS_KEEP) rmSync(home, { recursive: true, force: true });
}, 30_000);

const text = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: chaos-kill, labels: { benchtop.test: '1' } }
defaults: { cache: false }
steps:
  long: { image: ${TEST_IMAGE}, command: [sh, -c, 'for i in 1 2 3 4 5 6 7 8 9 10; do echo line $i; sleep 0.5; done'] }
  after: { image: ${TEST_IMAGE}, depends: [long], command: [sh, -c, 'echo after'] }
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** runs.logs (not followed): the log text as the host has it now. */
async function logText(host: WebHostProcess, runId: string, step: string): Promise<string> {
  const ws = await openSocket(host);
  try {
    return await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('runs.logs did not end')), 10_000);
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.id !== 5) return;
        if (message.t === 'next') text += (message.value as { text: string }).text;
        if (message.t === 'end') {
          clearTimeout(timer);
          if (message.error) reject(new Error(message.error.message));
          else resolve(text);
        }
      });
      ws.send(JSON.stringify({ t: 'open', id: 5, method: 'runs.logs', input: { id: runId, step, follow: false } }));
    });
  } finally {
    ws.close();
  }
}

describe('chaos: the web host killed with -9 mid-run', () => {
  it('is re-adopted by the next host: the step is followed, not run again; the log comes back whole', async () => {
    const first = await startWebHost(home);
    hosts.push(first);
    const ws = await openSocket(first);
    const started = await invoke(ws, 1, 'pipelines.run', { text, params: {} });
    const runId = started.t === 'result' && started.envelope.ok ? (started.envelope.value as { runId: string }).runId : '';
    expect(runId).not.toBe('');
    // The test (not the product) waits until the step has logged a few lines.
    let before = '';
    for (let i = 0; i < 100 && !/line 3/.test(before); i++) {
      await sleep(200);
      before = await logText(first, runId, 'long').catch(() => '');
    }
    ws.close();
    await first.stop('SIGKILL');
    const killedAt = Date.now();

    const second = await startWebHost(home);
    hosts.push(second);
    const again = await openSocket(second);
    let detail: RunDetail | null = null;
    for (let i = 0; i < 100; i++) {
      const answer = await invoke(again, 100 + i, 'runs.get', { id: runId });
      detail = answer.t === 'result' && answer.envelope.ok ? (answer.envelope.value as RunDetail) : null;
      if (detail && detail.state !== 'running') break;
      await sleep(300);
    }
    again.close();
    const log = await logText(second, runId, 'long');
    const lines = log.trim().split('\n');
    const long = detail?.steps.find((s) => s.name === 'long');
    if (process.env.CHAOS_KEEP) console.log(home);
    console.log(
      `chaos 2 (web host kill -9): log before the kill had ${before.trim().split('\n').length} lines; run ${detail?.state} ${((Date.now() - killedAt) / 1000).toFixed(1)}s after the kill; ` +
        `long attempts: ${long?.attempts.map((a) => `${a.attempt}=${a.state}`).join(', ')}; log after: ${lines.length} lines, ${new Set(lines).size} distinct`,
    );
    expect(detail?.state).toBe('succeeded');
    expect(long?.attempts.map((a) => a.state)).toEqual(['succeeded']);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 1}`));
  }, 120_000);
});
