import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../core/app.ts';
import type { StreamSink } from '../../core/api/dispatcher.ts';
import { PullProgressTracker, type PullMessage } from '../../core/images/pull-progress.ts';
import type { CliContext } from '../command.ts';
import pull from './pull.ts';

// No registry is reachable here: the core's pull stream is replaced by the recorded one.
const recorded = readFileSync(new URL('../../core/images/fixtures/pull-python-3.12-slim.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { at: number; message: PullMessage });

function fakeCore(): Core {
  return {
    dispatcher: {
      open(_method: unknown, _input: unknown, sink: StreamSink<unknown>) {
        let now = 0;
        const tracker = new PullProgressTracker('python:3.12-slim', () => now);
        queueMicrotask(() => {
          for (const { at, message } of recorded) {
            now = at;
            tracker.apply(message);
            sink.next(tracker.snapshot());
          }
          tracker.finish('sha256:0123456789abcdef');
          sink.next(tracker.snapshot());
          sink.end();
        });
        return { close() {} };
      },
    },
  } as unknown as Core;
}

async function run(tty: boolean) {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    args: ['python:3.12-slim'],
    flags: {},
    io: { stdout: Object.assign({ write: (s: string) => ((out += s), true) }, { isTTY: tty }) as never, stderr: { write: (s: string) => ((err += s), true) } as never, env: {} },
    core: async () => fakeCore(),
    signal: new AbortController().signal,
  };
  const code = await pull.run(ctx);
  return { code, out, err };
}

describe('benchtop pull output', () => {
  it('without a terminal: one line per layer state and every 10 %', async () => {
    const { code, out } = await run(false);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toContain('a2318d6c47ec: Already exists');
    expect(lines).toContain('9c94c1b8b1a1: Downloading');
    expect(lines).toContain('9c94c1b8b1a1: Pull complete');
    expect(lines.filter((l) => /^python:3\.12-slim: \d+%/.test(l)).length).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => /left$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('Pulled python:3.12-slim (0123456789ab)');
    expect(out).not.toContain('\x1b[');
  });
  it('on a terminal: the layer block is redrawn in place', async () => {
    const { out } = await run(true);
    expect(out).toContain('\x1b[5A');
    expect(out).toContain('\x1b[2K4f4fb700ef54: Downloading 3.1MB/4.0MB');
  });
});
