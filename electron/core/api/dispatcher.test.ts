import { describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/api/contract.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { createDispatcher, type Handlers, type StreamSink } from './dispatcher.ts';

const container = {
  id: 'abc',
  name: 'web',
  image: 'busybox',
  state: 'running' as const,
  status: 'Up 1 second',
  created: 1,
  ports: [],
  composeProject: null,
  composeService: null,
  labels: {},
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = async () => {
    throw new Error('not used in this test');
  };
  // Methods these tests do not call (every other area's) answer "not used".
  const rest = Object.fromEntries(Object.keys(contract).map((method) => [method, unused])) as unknown as Handlers;
  return {
    ...rest,
    'app.info': async () => ({ version: '1', dataDir: '/tmp', platform: 'linux', transport: 'test' }),
    'settings.get': async ({ key }) => ({ key, value: null }),
    'settings.set': async ({ key }) => ({ key }),
    'engine.status': unused,
    'engine.reconnect': unused,
    'volumes.list': unused,
    'volumes.sizes': unused,
    'volumes.create': unused,
    'volumes.remove': unused,
    'volumes.changes': unused,
    'networks.list': unused,
    'networks.create': unused,
    'networks.remove': unused,
    'networks.changes': unused,
    'system.df': unused,
    'system.prunePreview': unused,
    'system.prune': unused,
    'gpu.inventory': unused,
    'gpu.metrics': unused,
    'gpu.processes': unused,
    'gpu.test': unused,
    'compose.stacks': unused,
    'compose.config': unused,
    'compose.plan': unused,
    'compose.up': unused,
    'compose.down': unused,
    'compose.stop': unused,
    'compose.start': unused,
    'compose.restart': unused,
    'containers.list': async () => [container],
    'containers.start': async ({ id }) => ({ id }),
    'containers.stop': async ({ id }) => ({ id }),
    'containers.restart': async ({ id }) => ({ id }),
    'containers.remove': async ({ id }) => ({ id }),
    'containers.changes': async (_input, sink, signal) => {
      sink.next({ type: 'snapshot', items: [container] });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    },
    'containers.logs': async (_input, sink) => {
      sink.next({ lines: [{ stream: 'stdout', ts: null, text: 'hello' }] });
    },
    'pipelines.validate': unused,
    'pipelines.run': unused,
    'runs.list': unused,
    'runs.get': unused,
    'runs.cancel': unused,
    'runs.retry': unused,
    'runs.resume': unused,
    'runs.events': unused,
    'runs.logs': unused,
    'schedules.list': unused,
    'schedules.enable': unused,
    'schedules.disable': unused,
    'schedules.backfill': unused,
    'schedules.follow': unused,
    ...Object.fromEntries(['images.list', 'images.changes', 'images.inspect', 'images.pull', 'images.builders', 'images.build', 'images.remove', 'images.tag', 'images.prunePreview', 'images.prune', 'tasks.list', 'tasks.changes', 'tasks.cancel'].map((m) => [m, unused])),
    ...overrides,
  };
}

function collect(): StreamSink<unknown> & { values: unknown[]; ended: Promise<unknown> } {
  const values: unknown[] = [];
  let resolveEnd: (value: unknown) => void = () => {};
  const ended = new Promise((resolve) => (resolveEnd = resolve));
  return { values, ended, next: (value) => values.push(value), end: (error) => resolveEnd(error ?? 'ok') };
}

describe('dispatcher envelopes', () => {
  it('wraps a value in { ok: true, value } and applies input defaults', async () => {
    const list = vi.fn(async ({ all }: { all: boolean }) => (all ? [container] : []));
    const dispatcher = createDispatcher(handlers({ 'containers.list': list }), { validateOutputs: true });
    expect(await dispatcher.invoke('containers.list', {})).toEqual({ ok: true, value: [container] });
    expect(list).toHaveBeenCalledWith({ all: true });
  });

  it('rejects an unknown method, including names inherited from Object.prototype', async () => {
    const dispatcher = createDispatcher(handlers());
    for (const method of ['containers.nope', 'toString', '__proto__', 42]) {
      const result = await dispatcher.invoke(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('rejects wrong types, extra keys and __proto__ keys with invalid_input, without calling the service', async () => {
    const stop = vi.fn(async ({ id }: { id: string }) => ({ id }));
    const dispatcher = createDispatcher(handlers({ 'containers.stop': stop }));
    const bad = [
      { id: 42 },
      { id: 'a', extra: true },
      JSON.parse('{"id":"a","__proto__":{"admin":true}}'),
      { id: '' },
      { id: 'a', timeoutSeconds: -1 },
      null,
      'id',
    ];
    for (const input of bad) {
      const result = await dispatcher.invoke('containers.stop', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(stop).not.toHaveBeenCalled();
    const wrongType = await dispatcher.invoke('containers.stop', { id: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { message: expect.stringContaining('"id"') } });
  });

  it('passes a service ApiError through with its code, and hides nothing else but the stack', async () => {
    const onInternalError = vi.fn();
    const dispatcher = createDispatcher(
      handlers({
        'containers.start': async () => {
          throw new ApiError('not_found', 'No container named ghost exists.', { id: 'ghost' });
        },
        'containers.restart': async () => {
          throw new TypeError('boom');
        },
      }),
      { onInternalError },
    );
    expect(await dispatcher.invoke('containers.start', { id: 'ghost' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No container named ghost exists.', details: { id: 'ghost' } },
    });
    const internal = await dispatcher.invoke('containers.restart', { id: 'x' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('catches output that breaks the contract when asked to validate outputs', async () => {
    const dispatcher = createDispatcher(
      handlers({ 'containers.list': async () => [{ ...container, state: 'sleeping' }] as never }),
      { validateOutputs: true },
    );
    expect(await dispatcher.invoke('containers.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses to invoke a stream or open a call', async () => {
    const dispatcher = createDispatcher(handlers());
    expect(await dispatcher.invoke('containers.logs', { id: 'a' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const sink = collect();
    dispatcher.open('containers.list', {}, sink);
    expect(await sink.ended).toMatchObject({ code: 'unknown_method' });
  });
});

describe('dispatcher streams', () => {
  it('delivers values then ends once when the handler finishes', async () => {
    const dispatcher = createDispatcher(handlers(), { validateOutputs: true });
    const sink = collect();
    dispatcher.open('containers.logs', { id: 'abc' }, sink);
    expect(await sink.ended).toBe('ok');
    expect(sink.values).toEqual([{ lines: [{ stream: 'stdout', ts: null, text: 'hello' }] }]);
  });

  it('aborts the handler on close and sends nothing after', async () => {
    let signal: AbortSignal | undefined;
    let push: ((value: unknown) => void) | undefined;
    const dispatcher = createDispatcher(
      handlers({
        'containers.changes': async (_input, sink, s) => {
          signal = s;
          push = (value) => sink.next(value as never);
          await new Promise<void>((resolve) => s.addEventListener('abort', () => resolve()));
        },
      }),
    );
    const sink = collect();
    const handle = dispatcher.open('containers.changes', {}, sink);
    push?.({ type: 'remove', id: 'a' });
    handle.close();
    expect(signal?.aborted).toBe(true);
    push?.({ type: 'remove', id: 'b' });
    expect(sink.values).toEqual([{ type: 'remove', id: 'a' }]);
  });

  it('ends with the error envelope when the input is bad or the handler throws', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'containers.logs': async () => {
          throw new ApiError('not_found', 'No container named x exists.');
        },
      }),
    );
    const bad = collect();
    dispatcher.open('containers.logs', { id: 'x', tail: 'some' }, bad);
    expect(await bad.ended).toMatchObject({ code: 'invalid_input' });
    const failing = collect();
    dispatcher.open('containers.logs', { id: 'x' }, failing);
    expect(await failing.ended).toMatchObject({ code: 'not_found' });
  });
});

describe('dispatcher client messages', () => {
  it('delivers validated client messages to the handler, keeping early ones for its first listener', async () => {
    const seen: unknown[] = [];
    let release: () => void = () => {};
    const dispatcher = createDispatcher(
      handlers({
        'containers.exec': async (_input, sink, signal, messages) => {
          await new Promise<void>((resolve) => setTimeout(resolve, 5));
          messages.onMessage((message) => {
            seen.push(message);
            if (message.type === 'eof') release();
          });
          await new Promise<void>((resolve) => {
            release = resolve;
            signal.addEventListener('abort', () => resolve());
          });
          sink.next({ type: 'exited', exitCode: 0 });
        },
      }),
      { validateOutputs: true },
    );
    const sink = collect();
    const handle = dispatcher.open('containers.exec', { id: 'c', cols: 80, rows: 24 }, sink);
    handle.send({ type: 'input', data: 'echo hi\r' });
    handle.send({ type: 'resize', cols: 100, rows: 30 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    handle.send({ type: 'eof' });
    expect(await sink.ended).toBe('ok');
    expect(seen).toEqual([{ type: 'input', data: 'echo hi\r' }, { type: 'resize', cols: 100, rows: 30 }, { type: 'eof' }]);
    expect(sink.values).toEqual([{ type: 'exited', exitCode: 0 }]);
    handle.send({ type: 'input', data: 'after the end' });
    expect(seen).toHaveLength(3);
  });

  it('ends the stream with invalid_input for a message its schema rejects, and aborts the handler', async () => {
    let aborted = false;
    const dispatcher = createDispatcher(
      handlers({
        'containers.exec': async (_input, _sink, signal, messages) => {
          messages.onMessage(() => {});
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
          aborted = true;
        },
      }),
    );
    const sink = collect();
    const handle = dispatcher.open('containers.exec', { id: 'c', cols: 80, rows: 24 }, sink);
    handle.send({ type: 'resize', cols: 0, rows: 24 });
    expect(await sink.ended).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Invalid client message for containers.exec at "cols"/) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(aborted).toBe(true);
  });

  it('refuses messages on a stream that takes none', async () => {
    const dispatcher = createDispatcher(handlers());
    const sink = collect();
    const handle = dispatcher.open('containers.changes', {}, sink);
    handle.send({ hello: 1 });
    expect(await sink.ended).toMatchObject({ code: 'invalid_input', message: 'containers.changes takes no messages from the client: only open and close it.' });
  });
});
