import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { engineTimestamp, readJsonFileLog } from './json-file-log.ts';
import { LogBatcher } from './log-batcher.ts';
import { LogDecoder } from './log-decoder.ts';
import { streamContainerLogs, type ContainerLogsInput } from './stream-logs.ts';
import { testEngine } from './test-support/busybox.ts';

// The engine's json-file log is readable here because the tests run as root beside the engine; the
// lines read from it must be exactly the ones the engine's log endpoint gives for the same input.
const engine = testEngine();
const engineSocket = process.env.BENCHTOP_TEST_DOCKER_SOCKET ?? '/var/run/docker.sock';
const scratch = mkdtempSync(join(tmpdir(), 'benchtop-json-file-log-'));
afterAll(async () => {
  await engine.removeAll();
  rmSync(scratch, { recursive: true, force: true });
});

async function fromEngine(id: string, input: Partial<ContainerLogsInput>): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const sink = { next: (batch: { lines: LogLine[] }) => void lines.push(...batch.lines), end: () => {} };
  await streamContainerLogs(engine.docker, { id, tail: 'all', follow: false, timestamps: false, ...input }, sink, new AbortController().signal, { logFile: false });
  return lines;
}

async function fromFile(path: string, input: { tail?: number | 'all'; timestamps?: boolean; tty?: boolean }, signal = new AbortController().signal) {
  const lines: LogLine[] = [];
  let batches = 0;
  const options = { tail: input.tail ?? 'all', timestamps: input.timestamps ?? false, tty: input.tty ?? false };
  const batcher = new LogBatcher((batch) => {
    batches++;
    lines.push(...batch.lines);
  });
  const read = await readJsonFileLog({ path, ...options }, new LogDecoder(options), batcher, signal);
  return { read, lines, batches };
}

/** A Unix socket in front of the engine that counts the log requests passing through it. */
async function countingEngineProxy() {
  const path = join(scratch, `engine-${Date.now()}.sock`);
  let logRequests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(engineSocket);
    sockets.add(client).add(upstream);
    client.on('data', (bytes) => {
      if (/^GET \S*\/logs\?/m.test(bytes.toString('latin1'))) logRequests++;
    });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    docker: new Dockerode({ socketPath: path }),
    logRequests: () => logRequests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function logPath(id: string): Promise<string> {
  const info = await engine.docker.getContainer(id).inspect();
  expect(info.HostConfig.LogConfig?.Type).toBe('json-file');
  return info.LogPath;
}

describe('readJsonFileLog (real engine, its json-file logs)', () => {
  const script = [
    'for i in $(seq 1 12); do echo "out $i"; echo "err $i" >&2; done',
    `printf 'step 1/3\\rstep 2/3\\rstep 3/3\\n\\033[32mdone\\033[0m <b>&amp;</b> é€🚀\\n'`,
    // Longer than the engine's 16 KiB message: stored as several partial records.
    `head -c 40000 /dev/zero | tr '\\0' 'x'; echo`,
    `printf 'tab\\there "quoted" \\\\ back\\n'`,
    `printf 'no newline'`,
  ].join('; ');

  for (const tty of [false, true]) {
    it(`gives the engine's lines for every tail and timestamps setting${tty ? ' (TTY container)' : ''}`, async () => {
      const c = await engine.runToEnd(script, { tty });
      const path = await logPath(c.id);
      for (const timestamps of [false, true]) {
        for (const tail of ['all', 1, 5, 13, 0, 10_000] as const) {
          const expected = await fromEngine(c.id, { tail, timestamps });
          const got = await fromFile(path, { tail, timestamps, tty });
          expect(got.read, `tail ${tail}, timestamps ${timestamps}`).toBe(true);
          expect(got.lines, `tail ${tail}, timestamps ${timestamps}`).toEqual(expected);
        }
      }
      expect((await fromEngine(c.id, { tail: 'all' })).length).toBeGreaterThan(26);
    });
  }

  it("is what streamContainerLogs reads for a history (no log request reaches the engine), with the engine's lines", async () => {
    const c = await engine.runToEnd('seq 1 30000; echo done >&2');
    const proxy = await countingEngineProxy();
    try {
      const read = async (input: Partial<ContainerLogsInput>) => {
        const lines: LogLine[] = [];
        const sink = { next: (b: { lines: LogLine[] }) => void lines.push(...b.lines), end: () => {} };
        await streamContainerLogs(proxy.docker, { id: c.id, tail: 'all', follow: false, timestamps: true, ...input }, sink, new AbortController().signal);
        return lines;
      };
      const lines = await read({});
      expect(proxy.logRequests()).toBe(0);
      expect(lines).toEqual(await fromEngine(c.id, { tail: 'all', timestamps: true }));
      expect(lines).toHaveLength(30_001);
      expect(await read({ follow: true })).toEqual(lines);
      expect(proxy.logRequests()).toBe(1);

      // Another log driver has no file to read: the engine answers.
      const local = await engine.docker.createContainer({ Image: 'benchtop-test/busybox', Cmd: ['seq', '1', '3'], Labels: { 'benchtop.test': '1' }, HostConfig: { LogConfig: { Type: 'local', Config: {} } } });
      try {
        await local.start();
        await local.wait();
        const viaEngine: LogLine[] = [];
        await streamContainerLogs(proxy.docker, { id: local.id, tail: 'all', follow: false, timestamps: false }, { next: (b) => void viaEngine.push(...b.lines), end: () => {} }, new AbortController().signal);
        expect(viaEngine.map((l) => l.text)).toEqual(['1', '2', '3']);
        expect(proxy.logRequests()).toBe(2);
      } finally {
        await local.remove({ force: true });
      }
    } finally {
      await proxy.close();
    }
  });

  it('leaves a history that reaches into rotated files to the engine, and still reads a tail the current file holds', async () => {
    const container = await engine.docker.createContainer({
      Image: 'benchtop-test/busybox',
      Cmd: ['sh', '-c', 'for i in $(seq 1 300); do echo "line $i"; done'],
      Labels: { 'benchtop.test': '1' },
      HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '2k', 'max-file': '3' } } },
    });
    try {
      await container.start();
      await container.wait();
      const path = await logPath(container.id);
      const whole = await fromFile(path, { tail: 'all' });
      expect(whole).toEqual({ read: false, lines: [], batches: 0 });
      const kept = await fromEngine(container.id, { tail: 'all' });
      expect(kept.at(-1)?.text).toBe('line 300');
      const viaService: LogLine[] = [];
      await streamContainerLogs(engine.docker, { id: container.id, tail: 'all', follow: false, timestamps: false }, { next: (b) => void viaService.push(...b.lines), end: () => {} }, new AbortController().signal);
      expect(viaService).toEqual(kept);
      const tail = await fromFile(path, { tail: 3 });
      expect(tail.read).toBe(true);
      expect(tail.lines.map((l) => l.text)).toEqual(['line 298', 'line 299', 'line 300']);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('declines, sending nothing, a file it cannot open or read or that is not a json-file log', async () => {
    expect(await fromFile(join(scratch, 'missing-json.log'), {})).toEqual({ read: false, lines: [], batches: 0 });
    // A directory opens, and its read fails (EISDIR).
    expect(await fromFile(scratch, {})).toEqual({ read: false, lines: [], batches: 0 });
    const other = join(scratch, 'other-json.log');
    writeFileSync(other, 'plain text\n{"log":"x\\n","stream":"stdout","time":"2026-01-01T00:00:00Z"}\n');
    expect(await fromFile(other, {})).toEqual({ read: false, lines: [], batches: 0 });
  });

  it('stops at abort and sends nothing after it', async () => {
    const c = await engine.runToEnd('seq 1 100000');
    const controller = new AbortController();
    const lines: LogLine[] = [];
    let batches = 0;
    const options = { tail: 'all' as const, timestamps: false, tty: false };
    const batcher = new LogBatcher((batch) => {
      batches++;
      lines.push(...batch.lines);
      controller.abort();
    });
    expect(await readJsonFileLog({ path: await logPath(c.id), ...options }, new LogDecoder(options), batcher, controller.signal)).toBe(true);
    expect(batches).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(100_000);
  });
});

describe('engineTimestamp', () => {
  it('writes nine fraction digits, as the engine does', () => {
    expect(engineTimestamp('2026-12-07T14:11:32.52578295Z')).toBe('2026-12-07T14:11:32.525782950Z');
    expect(engineTimestamp('2026-12-07T14:11:32.494461607Z')).toBe('2026-12-07T14:11:32.494461607Z');
    expect(engineTimestamp('2026-12-07T14:11:32Z')).toBe('2026-12-07T14:11:32.000000000Z');
    expect(engineTimestamp('2026-12-07T14:11:32.5Z')).toBe('2026-12-07T14:11:32.500000000Z');
  });
});
