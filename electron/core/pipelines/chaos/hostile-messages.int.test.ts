import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { ServerMessage } from '../../../../shared/api/wire.ts';
import { openStore } from '../../store/database.ts';
import { invoke, openSocket, startWebHost, type WebHostProcess } from './web-host-process.ts';

// Chaos 4: 3,000 hostile messages on the web host's WebSocket (the real `benchtop web` process on
// the real engine): unknown methods, prototype keys, oversize and wrong-typed inputs, broken frames.
// Sentinels (a container, a volume, a network of this test) are what the messages try to remove.
const home = mkdtempSync(join(tmpdir(), 'benchtop-chaos-hostile-'));
const tag = `chaos4-${process.pid}-${Date.now().toString(36)}`;
const sentinel = { container: `${tag}-c`, volume: `${tag}-v`, network: `${tag}-n` };
let host: WebHostProcess;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const exists = (kind: 'container' | 'volume' | 'network', name: string) => {
  try {
    docker(kind, 'inspect', name);
    return true;
  } catch {
    return false;
  }
};

function tableCounts(): Record<string, number> {
  const store = openStore(join(home, 'benchtop.db'));
  try {
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (store.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    store.close();
  }
}

const VARIANTS = 20;
/** Variants from this index on break the protocol (the socket is closed). */
const FIRST_VIOLATION = 15;

/** The hostile message number i: a frame's text (or bytes). */
function hostile(i: number): string | Buffer {
  const id = 10_000 + i;
  const big = 'x'.repeat(600_000);
  const variants: (() => string | Buffer)[] = [
    () => JSON.stringify({ t: 'invoke', id, method: `containers.nuke${i}`, input: {} }),
    () => JSON.stringify({ t: 'invoke', id, method: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '__defineGetter__'][i % 6], input: {} }),
    () => `{"t":"invoke","id":${id},"method":"containers.remove","input":{"__proto__":{"force":true},"id":"${sentinel.container}","constructor":{"prototype":{"force":true}}}}`,
    () => `{"t":"invoke","id":${id},"method":"volumes.remove","input":{"name":"${sentinel.volume}","force":"yes"}}`,
    () => JSON.stringify({ t: 'invoke', id, method: 'networks.remove', input: { id: [sentinel.network] } }),
    () => JSON.stringify({ t: 'invoke', id, method: 'containers.remove', input: { id: 12345, force: 1 } }),
    () => JSON.stringify({ t: 'invoke', id, method: 'volumes.create', input: { name: big } }),
    () => JSON.stringify({ t: 'invoke', id, method: 'networks.create', input: { name: `${tag}-x`, subnet: { toString: 'x' } } }),
    () => JSON.stringify({ t: 'invoke', id, method: 'pipelines.run', input: { text: big, params: { __proto__: 1 } } }),
    () => JSON.stringify({ t: 'invoke', id, method: 'volumes.create', input: null }),
    () => JSON.stringify({ t: 'invoke', id, method: 'compose.down', input: { project: { $ne: '' }, volumes: true } }),
    () => JSON.stringify({ t: 'open', id, method: 'containers.logs', input: { id: '../../etc/passwd', tail: -1 } }),
    () => JSON.stringify({ t: 'send', id: 999_999, data: { __proto__: { polluted: true } } }),
    () => JSON.stringify({ t: 'close', id: 424_242 }),
    () => `{"t":"invoke","id":${id},"method":"containers.remove","input":{"id":"${sentinel.container}","force":true,"volumes":true,"extra":"x"}}`,
    // Protocol violations: the socket is closed (1008/1003/1009); the test opens another.
    () => 'not json at all {',
    () => JSON.stringify({ t: 'invoke', id: 'one', method: 'app.info', input: {} }),
    () => Buffer.from([1, 2, 3]),
    () => JSON.stringify({ t: 'invoke', id, method: 'app.info', input: {}, pad: 'y'.repeat(1_100_000) }),
    () => JSON.stringify({ t: 'close', id: -1 }),
  ];
  return variants[i % variants.length]();
}

describe('chaos: hostile WebSocket messages', () => {
  beforeAll(async () => {
    docker('run', '-d', '--name', sentinel.container, '--label', 'benchtop.test=1', '--network', 'none', 'benchtop-test/busybox', 'sleep', '600');
    docker('volume', 'create', '--label', 'benchtop.test=1', sentinel.volume);
    docker('network', 'create', '--label', 'benchtop.test=1', '--internal', sentinel.network);
    host = await startWebHost(home);
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    for (const args of [['rm', '-f', sentinel.container], ['volume', 'rm', '-f', sentinel.volume], ['network', 'rm', sentinel.network]]) {
      try {
        docker(...args);
      } catch {
        // already gone
      }
    }
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('3,000 messages: valid calls still answer, nothing is created or removed', async () => {
    // Wait for recovery and the scheduler to settle, then count every table's rows.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = tableCounts();
    const answers = new Map<string, number>();
    const ws: WebSocket = await openSocket(host);
    let mainClosed: string | null = null;
    ws.on('close', (code, reason) => (mainClosed = `${code} ${reason.toString()}`));
    let reconnects = 0;
    let valid = 0;
    const started = Date.now();
    const count = (message: ServerMessage) => {
      const key = message.t === 'result' ? (message.envelope.ok ? 'ok' : message.envelope.error.code) : message.t === 'end' ? `end:${message.error?.code ?? 'ok'}` : message.t;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    };
    const attach = (socket: WebSocket) => socket.on('message', (data, binary) => !binary && count(JSON.parse(data.toString()) as ServerMessage));
    attach(ws);
    const closeCodes = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const frame = hostile(i);
      if (process.env.CHAOS_DEBUG && i % 50 === 0) console.log(`at ${i} after ${Date.now() - started} ms`);
      if (i % VARIANTS >= FIRST_VIOLATION) {
        // A protocol violation closes its socket: each gets one of its own, and the close code is counted.
        const own = await openSocket(host);
        const code = await new Promise<number>((resolve) => {
          const timer = setTimeout(() => resolve(-1), 5_000);
          own.once('close', (closeCode) => {
            clearTimeout(timer);
            resolve(closeCode);
          });
          own.send(frame);
        });
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
        reconnects++;
      } else ws.send(frame);
      if (i % 100 === 99) {
        // A valid call between the hostile ones still answers, correctly.
        const answer = await invoke(ws, 1_000_000 + i, 'volumes.list', {}).catch(() => null);
        if (answer?.t === 'result' && answer.envelope.ok && (answer.envelope.value as { name: string }[]).some((v) => v.name === sentinel.volume)) valid++;
      }
    }
    const last = await openSocket(host);
    const info = await invoke(last, 1, 'app.info', {});
    last.close();
    ws.close();
    const after = tableCounts();
    const summary = [...answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(
      `chaos 4 (hostile messages): 3000 sent in ${((Date.now() - started) / 1000).toFixed(1)}s; answers: ${summary}; sockets closed for protocol violations: ${reconnects} (close codes ${[...closeCodes].map(([c, n]) => `${c}×${n}`).join(', ')}); ` +
        `valid calls answered: ${valid}/30; sentinels present: ${[exists('container', sentinel.container), exists('volume', sentinel.volume), exists('network', sentinel.network)].join('/')}`,
    );
    expect(info.t === 'result' && info.envelope.ok).toBe(true);
    // The only successful answers are the 30 valid calls.
    expect(answers.get('ok') ?? 0).toBe(30);
    expect(exists('container', sentinel.container)).toBe(true);
    expect(exists('volume', sentinel.volume)).toBe(true);
    expect(exists('network', sentinel.network)).toBe(true);
    expect(docker('ps', '-aq', '--filter', `name=${tag}-x`)).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', `name=${tag}-x`)).toBe('');
    expect(after).toEqual(before);
    expect(host.process.exitCode).toBeNull();
    expect(mainClosed).toBeNull();
    expect(valid).toBe(30);
    expect(closeCodes.get(-1) ?? 0).toBe(0);
  }, 120_000);
});
