// These tests drive the WebSocket transport against a fake socket object (no network, no browser):
// each FakeSocket records what the transport sends and lets the test play the server's part.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeBinaryFrame, type ClientMessage, type ServerMessage } from '../../../shared/api/wire.ts';
import { TransportError } from './transport.ts';
import { createWebSocketTransport, webSocketUrlFor, type SocketLike } from './websocket-transport.ts';

class FakeSocket implements SocketLike {
  readonly url: string;
  sent: ClientMessage[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  binaryType?: string;

  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    if (this.closed) throw new Error('send on a closed fake socket');
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(): void {
    this.closed = true;
  }
  /** Server side helpers. */
  accept(): void {
    this.onopen?.({});
  }
  push(message: ServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(reason = ''): void {
    this.closed = true;
    this.onclose?.({ code: 1006, reason });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:7000/api',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    initialBackoffMs: 100,
    maxBackoffMs: 400,
  });
  return { transport, sockets, last: () => sockets[sockets.length - 1] };
}

describe('WebSocket transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('builds the /api URL from the page location', () => {
    expect(webSocketUrlFor({ protocol: 'http:', host: '127.0.0.1:7000' })).toBe('ws://127.0.0.1:7000/api');
    expect(webSocketUrlFor({ protocol: 'https:', host: 'box:443' })).toBe('wss://box:443/api');
  });

  it('connects lazily, queues invokes while connecting and resolves them by id', async () => {
    const { transport, sockets, last } = setup();
    expect(sockets).toHaveLength(0);
    const first = transport.invoke('engine.status', {});
    const second = transport.invoke('app.info', {});
    expect(sockets).toHaveLength(1);
    expect(last().sent).toEqual([]);

    last().accept();
    expect(last().sent.map((m) => m.t)).toEqual(['invoke', 'invoke']);
    const [a, b] = last().sent as Array<Extract<ClientMessage, { t: 'invoke' }>>;
    expect(a.method).toBe('engine.status');
    expect(a.id).not.toBe(b.id);

    // Answers may come in any order; ids route them.
    last().push({ t: 'result', id: b.id, envelope: { ok: true, value: 'info' } });
    last().push({ t: 'result', id: a.id, envelope: { ok: false, error: { code: 'engine_unavailable', message: 'no engine' } } });
    await expect(second).resolves.toEqual({ ok: true, value: 'info' });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'engine_unavailable', message: 'no engine' } });
  });

  it('rejects invokes that were waiting when the socket drops, with a clear TransportError', async () => {
    const { transport, last } = setup();
    const call = transport.invoke('containers.list', { all: true });
    last().accept();
    last().drop('server restarted');
    await expect(call).rejects.toBeInstanceOf(TransportError);
    await expect(call).rejects.toThrow(/Lost the connection to the Benchtop host \(server restarted\) while calling containers\.list/);
  });

  it('rejects queued invokes when the first connection fails', async () => {
    const { transport, last } = setup();
    const call = transport.invoke('engine.status', {});
    last().drop();
    await expect(call).rejects.toThrow(/Could not connect to the Benchtop host at ws:\/\/127\.0\.0\.1:7000\/api/);
  });

  it('multiplexes stream messages and ends a stream on the server end message', () => {
    const { transport, last } = setup();
    const a = { onNext: vi.fn(), onEnd: vi.fn() };
    const b = { onNext: vi.fn(), onEnd: vi.fn() };
    transport.open('containers.changes', {}, a);
    transport.open('containers.logs', { id: 'c1' }, b);
    last().accept();
    const [openA, openB] = last().sent as Array<Extract<ClientMessage, { t: 'open' }>>;
    expect(openA).toMatchObject({ t: 'open', method: 'containers.changes', input: {} });
    expect(openB).toMatchObject({ t: 'open', method: 'containers.logs', input: { id: 'c1' } });

    last().push({ t: 'next', id: openB.id, value: { lines: [] } });
    last().push({ t: 'next', id: openA.id, value: { type: 'remove', id: 'x' } });
    last().push({ t: 'end', id: openB.id, error: { code: 'not_found', message: 'gone' } });
    last().push({ t: 'next', id: openB.id, value: 'late' });

    expect(a.onNext).toHaveBeenCalledWith({ type: 'remove', id: 'x' });
    expect(b.onNext).toHaveBeenCalledTimes(1);
    expect(b.onEnd).toHaveBeenCalledWith({ code: 'not_found', message: 'gone' });
    expect(a.onEnd).not.toHaveBeenCalled();
  });

  it('sends close for a stream the page closes, once', () => {
    const { transport, last } = setup();
    const close = transport.open('containers.changes', {}, { onNext: vi.fn(), onEnd: vi.fn() });
    last().accept();
    const { id } = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    close.close();
    close.close();
    expect(last().sent.filter((m) => m.t === 'close')).toEqual([{ t: 'close', id }]);
  });

  it('sends client messages on the stream id, drops them while disconnected or closed', () => {
    const { transport, last } = setup();
    const stream = transport.open('containers.exec', { id: 'c' }, { onNext: vi.fn(), onEnd: vi.fn() });
    stream.send({ type: 'input', data: 'early' });
    last().accept();
    const { id } = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    stream.send({ type: 'input', data: 'ls\r' });
    stream.close();
    stream.send({ type: 'input', data: 'late' });
    expect(last().sent.slice(1)).toEqual([
      { t: 'send', id, data: { type: 'input', data: 'ls\r' } },
      { t: 'close', id },
    ]);
  });

  it('turns binary frames into byte values of the stream they name', () => {
    const { transport, last } = setup();
    const onNext = vi.fn();
    transport.open('containers.exec', { id: 'c' }, { onNext, onEnd: vi.fn() });
    last().accept();
    expect(last().binaryType).toBe('arraybuffer');
    const { id } = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    const frame = encodeBinaryFrame(id, new TextEncoder().encode('hello'));
    last().onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
    last().onmessage?.({ data: encodeBinaryFrame(id + 100, new Uint8Array([1])).buffer });
    last().onmessage?.({ data: new ArrayBuffer(2) });
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(new TextDecoder().decode(onNext.mock.calls[0][0] as Uint8Array)).toBe('hello');
  });

  it('reconnects with growing backoff and re-opens the streams that were open', () => {
    const { transport, sockets, last } = setup();
    const events: string[] = [];
    transport.open('containers.changes', {}, {
      onNext: (value) => events.push(`next:${String(value)}`),
      onEnd: () => events.push('end'),
      onInterrupted: (info) => events.push(`interrupted:${info.retryInMs}`),
      onRestart: () => events.push('restart'),
    });
    last().accept();
    const firstOpen = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    last().push({ t: 'next', id: firstOpen.id, value: 'snapshot-1' });

    last().drop();
    expect(events).toContain('interrupted:100');
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    // The second attempt fails too: the next delay doubles.
    last().drop();
    expect(events).toContain('interrupted:200');
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(3);

    last().accept();
    const reopened = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    expect(reopened).toMatchObject({ t: 'open', method: 'containers.changes', input: {} });
    last().push({ t: 'next', id: reopened.id, value: 'snapshot-2' });
    expect(events).toEqual(['next:snapshot-1', 'interrupted:100', 'interrupted:200', 'restart', 'next:snapshot-2']);

    // A successful connection resets the backoff.
    last().drop();
    expect(events[events.length - 1]).toBe('interrupted:100');
  });

  it('re-opens a resumable stream with the input it gives, without a restart', () => {
    const { transport, last } = setup();
    const events: string[] = [];
    let shown = 0;
    transport.open('containers.logs', { id: 'c', tail: 10 }, {
      onNext: (value) => {
        shown = value as number;
        events.push(`next:${shown}`);
      },
      onEnd: () => events.push('end'),
      onRestart: () => events.push('restart'),
      resumeInput: () => (shown > 0 ? { id: 'c', since: `line-${shown}` } : undefined),
    });
    last().accept();
    const first = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    expect(first.input).toEqual({ id: 'c', tail: 10 });
    last().push({ t: 'next', id: first.id, value: 7 });
    last().drop();
    vi.advanceTimersByTime(100);
    last().accept();
    const resumed = last().sent[0] as Extract<ClientMessage, { t: 'open' }>;
    expect(resumed.input).toEqual({ id: 'c', since: 'line-7' });
    expect(events).toEqual(['next:7']);
  });

  it('starts a resumable stream over when it has nothing to resume from', () => {
    const { transport, last } = setup();
    const events: string[] = [];
    transport.open('containers.logs', { id: 'c' }, { onNext: vi.fn(), onEnd: vi.fn(), onRestart: () => events.push('restart'), resumeInput: () => undefined });
    last().accept();
    last().drop();
    vi.advanceTimersByTime(100);
    last().accept();
    expect((last().sent[0] as Extract<ClientMessage, { t: 'open' }>).input).toEqual({ id: 'c' });
    expect(events).toEqual(['restart']);
  });

  it('caps the backoff and stops reconnecting once no stream needs the connection', () => {
    const { transport, sockets, last } = setup();
    const delays: number[] = [];
    const close = transport.open('containers.changes', {}, {
      onNext: vi.fn(),
      onEnd: vi.fn(),
      onInterrupted: (info) => delays.push(info.retryInMs),
    });
    for (let i = 0; i < 5; i++) {
      last().drop();
      vi.advanceTimersByTime(delays[delays.length - 1]);
    }
    expect(delays).toEqual([100, 200, 400, 400, 400]);
    close.close();
    last().drop();
    const count = sockets.length;
    vi.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(count);
  });

  it('ignores messages from a socket it has already replaced', () => {
    const { transport, sockets, last } = setup();
    const onNext = vi.fn();
    transport.open('containers.changes', {}, { onNext, onEnd: vi.fn() });
    const old = last();
    old.accept();
    const { id } = old.sent[0] as Extract<ClientMessage, { t: 'open' }>;
    old.drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    old.onmessage?.({ data: JSON.stringify({ t: 'next', id, value: 'stale' }) });
    expect(onNext).not.toHaveBeenCalled();
  });

  it('answers an oversized invoke with invalid_input without sending it', async () => {
    const { transport, sockets } = setup();
    const result = await transport.invoke('settings.set', { key: 'k', value: 'x'.repeat(1024 * 1024 + 1) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(sockets).toHaveLength(0);
  });
});
