import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import type { LogBatch, LogLine } from '../../../shared/domain/logs.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import { streamContainerLogs, type ContainerLogsInput } from './stream-logs.ts';
import { testEngine } from './test-support/busybox.ts';

const engine = testEngine();
afterAll(() => engine.removeAll());

interface Collected {
  lines: LogLine[];
  batches: number;
  ended: boolean;
}

function collector(onLine?: (line: LogLine) => void): { sink: StreamSink<LogBatch>; got: Collected } {
  const got: Collected = { lines: [], batches: 0, ended: false };
  return {
    got,
    sink: {
      next: (batch) => {
        got.batches++;
        for (const line of batch.lines) {
          got.lines.push(line);
          onLine?.(line);
        }
      },
      end: () => {
        got.ended = true;
      },
    },
  };
}

async function readAll(id: string, options: Partial<ContainerLogsInput> = {}): Promise<Collected> {
  const { sink, got } = collector();
  await streamContainerLogs(engine.docker, { id, tail: 'all', follow: false, timestamps: false, ...options }, sink, new AbortController().signal);
  return got;
}

const texts = (lines: LogLine[], stream?: LogLine['stream']) => lines.filter((l) => !stream || l.stream === stream).map((l) => l.text);

describe('streamContainerLogs (real engine)', () => {
  it('reads stdout and stderr lines of a finished container', async () => {
    const c = await engine.runToEnd('for i in $(seq 1 20); do echo "out $i"; echo "err $i" >&2; done; printf "no newline"');
    const got = await readAll(c.id);
    expect(texts(got.lines, 'stdout')).toEqual([...Array.from({ length: 20 }, (_, i) => `out ${i + 1}`), 'no newline']);
    expect(texts(got.lines, 'stderr')).toEqual(Array.from({ length: 20 }, (_, i) => `err ${i + 1}`));
    expect(got.lines.every((l) => l.ts === null)).toBe(true);
  });

  it('returns exactly the last N lines for tail N, and none for tail 0', async () => {
    const c = await engine.runToEnd('seq 1 100');
    expect(texts((await readAll(c.id, { tail: 7 })).lines)).toEqual(['94', '95', '96', '97', '98', '99', '100']);
    expect((await readAll(c.id, { tail: 0 })).lines).toEqual([]);
  });

  it('moves engine timestamps into ts and collapses \\r progress', async () => {
    const c = await engine.runToEnd(`printf 'step 1/3\\rstep 2/3\\rstep 3/3\\n\\033[32mdone\\033[0m\\n'`);
    const got = await readAll(c.id, { timestamps: true });
    expect(texts(got.lines)).toEqual(['step 3/3', '\x1b[32mdone\x1b[0m']);
    for (const line of got.lines) expect(line.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('reads a TTY container raw: one stream, \\r\\n line ends', async () => {
    const c = await engine.runToEnd(`echo first; printf 'dl 10%%\\rdl 100%%\\n'; echo to-stderr >&2; printf 'é€🚀'`, { tty: true });
    const got = await readAll(c.id);
    expect(got.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'first'],
      ['stdout', 'dl 100%'],
      ['stdout', 'to-stderr'],
      ['stdout', 'é€🚀'],
    ]);
  });

  it('sends a large log as a few batches', async () => {
    const c = await engine.runToEnd('seq 1 30000');
    const got = await readAll(c.id);
    expect(got.lines).toHaveLength(30_000);
    expect(got.lines[29_999].text).toBe('30000');
    expect(got.batches).toBeLessThanOrEqual(30);
  });

  it('with follow, receives lines printed after the stream opened and ends when the container exits', async () => {
    const c = await engine.create('echo ready; while [ ! -f /go ]; do sleep 0.05; done; echo after-1; echo after-2 >&2');
    await c.start();
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const { sink, got } = collector((line) => line.text === 'ready' && onReady());
    const done = streamContainerLogs(engine.docker, { id: c.id, tail: 'all', follow: true, timestamps: false }, sink, new AbortController().signal);
    await ready;
    expect(texts(got.lines)).toEqual(['ready']);
    const exec = await c.exec({ Cmd: ['touch', '/go'] });
    await exec.start({ Detach: true });
    await done;
    expect(texts(got.lines, 'stdout')).toEqual(['ready', 'after-1']);
    expect(texts(got.lines, 'stderr')).toEqual(['after-2']);
  });

  it('closes promptly on abort and sends nothing after it', async () => {
    const c = await engine.create('while true; do echo tick; sleep 0.05; done');
    await c.start();
    const controller = new AbortController();
    let firstLine: () => void = () => {};
    const first = new Promise<void>((resolve) => (firstLine = resolve));
    const { sink, got } = collector(() => firstLine());
    const done = streamContainerLogs(engine.docker, { id: c.id, tail: 'all', follow: true, timestamps: false }, sink, controller.signal);
    await first;
    const abortedAt = performance.now();
    controller.abort();
    await done;
    expect(performance.now() - abortedAt).toBeLessThan(200);
    const seen = got.batches;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got.batches).toBe(seen);
  });

  it('rejects an unknown container with not_found', async () => {
    const { sink } = collector();
    const failure = await streamContainerLogs(
      engine.docker,
      { id: 'benchtop-no-such-container', tail: 10, follow: false, timestamps: false },
      sink,
      new AbortController().signal,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('not_found');
    expect((failure as ApiError).message).toContain('No container named "benchtop-no-such-container" exists');
  });
});
