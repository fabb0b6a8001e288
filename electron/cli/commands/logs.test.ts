import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import type { LogBatch } from '../../../shared/domain/logs.ts';
import type { Core } from '../../core/app.ts';
import { createDispatcher, type Handlers, type StreamSink } from '../../core/api/dispatcher.ts';
import { CliError, type CliContext } from '../command.ts';
import logs from './logs.ts';

type LogsHandler = (input: { id: string; tail: number | 'all'; follow: boolean; timestamps: boolean }, sink: StreamSink<LogBatch>, signal: AbortSignal) => Promise<void>;

function harness(handler: LogsHandler, args: string[], flags: CliContext['flags'] = {}) {
  const dispatcher = createDispatcher({ 'containers.logs': handler } as unknown as Handlers, { validateOutputs: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const controller = new AbortController();
  const ctx: CliContext = {
    args,
    flags,
    io: { stdout, stderr, env: {} },
    core: async () => ({ dispatcher }) as unknown as Core,
    signal: controller.signal,
  };
  return { run: () => logs.run(ctx), out: () => out, err: () => err, abort: () => controller.abort() };
}

describe('benchtop logs', () => {
  it('prints stdout lines on stdout and stderr lines on stderr, and passes the flags on', async () => {
    let received: unknown;
    const h = harness(
      async (input, sink) => {
        received = input;
        sink.next({ lines: [{ stream: 'stdout', ts: null, text: 'one' }, { stream: 'stderr', ts: null, text: 'oops' }] });
        sink.next({ lines: [{ stream: 'stdout', ts: null, text: '\x1b[32mtwo\x1b[0m' }] });
      },
      ['web-1'],
      { tail: '20', follow: true },
    );
    expect(await h.run()).toBe(0);
    expect(received).toEqual({ id: 'web-1', tail: 20, follow: true, timestamps: false });
    expect(h.out()).toBe('one\n\x1b[32mtwo\x1b[0m\n');
    expect(h.err()).toBe('oops\n');
  });

  it('reads the whole log by default and prints timestamps when asked', async () => {
    let received: unknown;
    const h = harness(
      async (input, sink) => {
        received = input;
        sink.next({ lines: [{ stream: 'stdout', ts: '2024-05-01T12:00:00.5Z', text: 'hi' }] });
      },
      ['web-1'],
      { timestamps: true },
    );
    expect(await h.run()).toBe(0);
    expect(received).toEqual({ id: 'web-1', tail: 'all', follow: false, timestamps: true });
    expect(h.out()).toBe('2024-05-01T12:00:00.5Z hi\n');
  });

  it('turns a stream error into a one-line CliError with exit code 1', async () => {
    const h = harness(async () => {
      throw new ApiError('not_found', 'No container named "nope" exists.');
    }, ['nope']);
    const failure = await h.run().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(1);
    expect((failure as CliError).message).toBe('No container named "nope" exists.');
  });

  it('stops the stream and exits 0 on Ctrl-C', async () => {
    let handlerSignal: AbortSignal | null = null;
    const h = harness(
      (_input, sink, signal) =>
        new Promise<void>((resolve) => {
          handlerSignal = signal;
          sink.next({ lines: [{ stream: 'stdout', ts: null, text: 'tick' }] });
          signal.addEventListener('abort', () => resolve());
        }),
      ['web-1'],
      { follow: true },
    );
    const running = h.run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    h.abort();
    expect(await running).toBe(0);
    expect(handlerSignal!.aborted).toBe(true);
    expect(h.out()).toBe('tick\n');
  });

  it('rejects a missing name and a bad --tail as usage errors', async () => {
    const never: LogsHandler = async () => {};
    await expect(harness(never, []).run()).rejects.toMatchObject({ exitCode: 2 });
    await expect(harness(never, ['a', 'b']).run()).rejects.toMatchObject({ exitCode: 2 });
    await expect(harness(never, ['a'], { tail: 'ten' }).run()).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--tail') });
  });
});
