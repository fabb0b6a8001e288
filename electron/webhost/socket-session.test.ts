import { describe, expect, it } from 'vitest';
import type { Dispatcher, StreamSink } from '../core/api/dispatcher.ts';
import { decodeBinaryFrame, MAX_MESSAGE_BYTES } from '../../shared/api/wire.ts';
import { createSocketSession, parseClientMessage, type SessionSocket } from './socket-session.ts';

function fakeSocket() {
  const sent: unknown[] = [];
  const socket = {
    bufferedAmount: 0,
    closedWith: null as null | { code: number; reason: string },
    send(data: string | Uint8Array) {
      sent.push(typeof data === 'string' ? JSON.parse(data) : { binary: decodeBinaryFrame(data) });
    },
    close(code: number, reason: string) {
      socket.closedWith = { code, reason };
    },
  } satisfies SessionSocket & Record<string, unknown>;
  return { socket, sent };
}

function streamDispatcher() {
  const sinks: StreamSink<unknown>[] = [];
  const aborted: boolean[] = [];
  const received: unknown[][] = [];
  const dispatcher: Dispatcher = {
    invoke: async (method) => (method === 'big' ? { ok: true, value: 'x'.repeat(MAX_MESSAGE_BYTES) } : { ok: true, value: 1n as unknown }),
    open(_method, _input, sink) {
      const index = sinks.push(sink) - 1;
      aborted[index] = false;
      received[index] = [];
      return { close: () => (aborted[index] = true), send: (data) => void received[index].push(data) };
    },
  };
  return { dispatcher, sinks, aborted, received };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSocketSession', () => {
  it('drops a client that cannot keep up, with a clear reason, and stops its streams', () => {
    const { socket, sent } = fakeSocket();
    const { dispatcher, sinks, aborted } = streamDispatcher();
    const session = createSocketSession({ dispatcher, socket, maxBufferedBytes: 1000 });
    session.receive(JSON.stringify({ t: 'open', id: 1, method: 'm', input: {} }), false);
    session.receive(JSON.stringify({ t: 'open', id: 2, method: 'm', input: {} }), false);
    sinks[0].next('a');
    socket.bufferedAmount = 5000;
    sinks[0].next('b');
    sinks[0].next('c');
    expect(sent).toEqual([
      { t: 'next', id: 1, value: 'a' },
      { t: 'next', id: 1, value: 'b' },
    ]);
    expect(socket.closedWith).toEqual({ code: 1013, reason: expect.stringMatching(/too slow/) });
    expect(aborted).toEqual([true, true]);
    expect(session.openStreams).toBe(0);
  });

  it('answers an error instead of a reply too large to send', async () => {
    const { socket, sent } = fakeSocket();
    const session = createSocketSession({ dispatcher: streamDispatcher().dispatcher, socket });
    session.receive(JSON.stringify({ t: 'invoke', id: 1, method: 'big', input: {} }), false);
    session.receive(JSON.stringify({ t: 'invoke', id: 2, method: 'bigint', input: {} }), false);
    await flush();
    expect(sent).toEqual([
      { t: 'result', id: 1, envelope: { ok: false, error: { code: 'internal', message: expect.stringMatching(/larger than/) } } },
      { t: 'result', id: 2, envelope: { ok: false, error: { code: 'internal', message: expect.stringMatching(/encode/) } } },
    ]);
  });

  it('ends a stream whose value is too large, and aborts its handler', () => {
    const { socket, sent } = fakeSocket();
    const { dispatcher, sinks, aborted } = streamDispatcher();
    const session = createSocketSession({ dispatcher, socket });
    session.receive(JSON.stringify({ t: 'open', id: 4, method: 'm', input: {} }), false);
    sinks[0].next('x'.repeat(MAX_MESSAGE_BYTES));
    sinks[0].next('late');
    expect(sent).toEqual([{ t: 'end', id: 4, error: { code: 'internal', message: expect.stringMatching(/larger than/) } }]);
    expect(aborted[0]).toBe(true);
  });

  it('sends nothing after the client closed a stream', () => {
    const { socket, sent } = fakeSocket();
    const { dispatcher, sinks, aborted } = streamDispatcher();
    const session = createSocketSession({ dispatcher, socket });
    session.receive(JSON.stringify({ t: 'open', id: 1, method: 'm', input: {} }), false);
    session.receive(JSON.stringify({ t: 'close', id: 1 }), false);
    session.receive(JSON.stringify({ t: 'close', id: 99 }), false);
    sinks[0].next('late');
    sinks[0].end();
    expect(sent).toEqual([]);
    expect(aborted[0]).toBe(true);
  });

  it('passes client messages to the open stream they name and ignores ones for ended streams', () => {
    const { socket, sent } = fakeSocket();
    const { dispatcher, sinks, received } = streamDispatcher();
    const session = createSocketSession({ dispatcher, socket });
    session.receive(JSON.stringify({ t: 'open', id: 1, method: 'm', input: {} }), false);
    session.receive(JSON.stringify({ t: 'open', id: 2, method: 'm', input: {} }), false);
    session.receive(JSON.stringify({ t: 'send', id: 2, data: { type: 'input', data: 'ls\r' } }), false);
    session.receive(JSON.stringify({ t: 'send', id: 1, data: 'a' }), false);
    sinks[0].end();
    session.receive(JSON.stringify({ t: 'send', id: 1, data: 'after end' }), false);
    session.receive(JSON.stringify({ t: 'send', id: 42, data: 'unknown' }), false);
    expect(received).toEqual([['a'], [{ type: 'input', data: 'ls\r' }]]);
    expect(sent).toEqual([{ t: 'end', id: 1 }]);
    expect(socket.closedWith).toBeNull();
  });

  it('sends byte values as binary frames prefixed with the stream id', () => {
    const { socket, sent } = fakeSocket();
    const { dispatcher, sinks } = streamDispatcher();
    const session = createSocketSession({ dispatcher, socket });
    session.receive(JSON.stringify({ t: 'open', id: 7, method: 'm', input: {} }), false);
    sinks[0].next(new TextEncoder().encode('hello\r\n'));
    sinks[0].next({ type: 'exit', code: 0 });
    expect(sent).toEqual([{ binary: { id: 7, bytes: new TextEncoder().encode('hello\r\n') } }, { t: 'next', id: 7, value: { type: 'exit', code: 0 } }]);
  });

  it('refuses binary frames from the client', () => {
    const { socket } = fakeSocket();
    const session = createSocketSession({ dispatcher: streamDispatcher().dispatcher, socket });
    session.receive(Buffer.from([0, 0, 0, 1, 65]), true);
    expect(socket.closedWith?.code).toBe(1003);
  });

  it('treats reuse of a live stream id as a protocol violation', () => {
    const { socket } = fakeSocket();
    const session = createSocketSession({ dispatcher: streamDispatcher().dispatcher, socket });
    session.receive(JSON.stringify({ t: 'open', id: 1, method: 'm', input: {} }), false);
    session.receive(JSON.stringify({ t: 'open', id: 1, method: 'm', input: {} }), false);
    expect(socket.closedWith?.code).toBe(1008);
  });
});

describe('parseClientMessage', () => {
  it('accepts the four message types and leaves method/input/data to the dispatcher', () => {
    expect(parseClientMessage('{"t":"send","id":3,"data":{"type":"resize","cols":80,"rows":24}}')).toEqual({
      t: 'send',
      id: 3,
      data: { type: 'resize', cols: 80, rows: 24 },
    });
    expect(parseClientMessage('{"t":"invoke","id":1,"method":"a.b","input":{}}')).toEqual({ t: 'invoke', id: 1, method: 'a.b', input: {} });
    expect(parseClientMessage('{"t":"open","id":2,"method":3}')).toEqual({ t: 'open', id: 2, method: 3, input: undefined });
    expect(parseClientMessage('{"t":"close","id":0}')).toEqual({ t: 'close', id: 0 });
  });

  it.each(['null', '1', '"x"', '{"t":"close"}', '{"t":"close","id":-1}', '{"t":"close","id":1.5}', '{"t":"result","id":1}'])(
    'rejects %s',
    (text) => {
      expect(parseClientMessage(text)).toBeNull();
    },
  );
});
