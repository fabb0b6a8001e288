import { describe, expect, it } from 'vitest';
import type { Dispatcher, StreamSink } from '../core/api/dispatcher.ts';
import { IPC_INVOKE, IPC_OPEN_STREAM, IPC_STREAM_PORT, type PortMessage } from '../../shared/api/bridge.ts';
import {
  registerIpcTransport,
  UNTRUSTED_SENDER_MESSAGE,
  type IpcMainEventLike,
  type IpcMainLike,
  type MainPortLike,
} from './ipc-transport.ts';
import { createTrustedSenders, type FrameLike } from './trusted-senders.ts';

type Port2 = { name: 'port2'; closed: boolean };

function fakePort() {
  type Listener = (arg: { data: unknown }) => void;
  const listeners: Record<string, Listener[]> = {};
  const port = {
    posted: [] as PortMessage[],
    started: false,
    closed: false,
    on(event: string, listener: Listener) {
      (listeners[event] ??= []).push(listener);
      return port;
    },
    postMessage(message: PortMessage) {
      port.posted.push(message);
    },
    start() {
      port.started = true;
    },
    close() {
      port.closed = true;
    },
    emit(event: string, arg: { data: unknown } = { data: undefined }) {
      for (const listener of listeners[event] ?? []) listener(arg);
    },
  };
  return port satisfies MainPortLike;
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainEventLike<Port2>, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, (event: IpcMainEventLike<Port2>, ...args: unknown[]) => void>();
  const ipcMain: IpcMainLike<Port2> = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  };
  return { ipcMain, handlers, listeners };
}

function fakeWindow(id: number, url = 'app://benchtop/') {
  const mainFrame: FrameLike = { url, parent: null, processId: 4, routingId: id };
  const posted: { channel: string; message: unknown; transfer: Port2[] }[] = [];
  let onDestroyed = () => {};
  return {
    contents: { id, once: (_event: 'destroyed', listener: () => void) => void (onDestroyed = listener) },
    destroy: () => onDestroyed(),
    posted,
    event(frame: FrameLike | null = mainFrame): IpcMainEventLike<Port2> {
      return {
        sender: { id, mainFrame, postMessage: (channel, message, transfer) => void posted.push({ channel, message, transfer }) },
        senderFrame: frame,
      };
    },
    mainFrame,
  };
}

function fakeDispatcher() {
  const streams: { method: unknown; input: unknown; sink: StreamSink<unknown>; closed: boolean; received: unknown[] }[] = [];
  const dispatcher: Dispatcher = {
    invoke: async (method, input) => ({ ok: true, value: { method, input } }),
    open(method, input, sink) {
      const stream = { method, input, sink, closed: false, received: [] as unknown[] };
      streams.push(stream);
      return { close: () => void (stream.closed = true), send: (data) => void stream.received.push(data) };
    },
  };
  return { dispatcher, streams };
}

function setup() {
  const ipc = fakeIpcMain();
  const { dispatcher, streams } = fakeDispatcher();
  const trusted = createTrustedSenders();
  const ports: ReturnType<typeof fakePort>[] = [];
  const warnings: string[] = [];
  const transport = registerIpcTransport<Port2>({
    ipcMain: ipc.ipcMain,
    dispatcher,
    trusted,
    createChannel: () => {
      const port1 = fakePort();
      ports.push(port1);
      return { port1, port2: { name: 'port2', closed: false } };
    },
    log: { info() {}, warn: (m) => warnings.push(m), error() {} },
  });
  const win = fakeWindow(1);
  trusted.add(win.contents);
  const invoke = (event: IpcMainEventLike<Port2>, method: unknown, input: unknown) => ipc.handlers.get(IPC_INVOKE)!(event, method, input);
  const openStream = (event: IpcMainEventLike<Port2>, request: unknown) => ipc.listeners.get(IPC_OPEN_STREAM)!(event, request);
  return { ...ipc, transport, trusted, win, streams, ports, warnings, invoke, openStream };
}

describe('registerIpcTransport: invoke', () => {
  it('dispatches calls from our window main frame', async () => {
    const { invoke, win } = setup();
    expect(await invoke(win.event(), 'app.info', {})).toEqual({ ok: true, value: { method: 'app.info', input: {} } });
  });

  it('rejects calls from iframes, foreign pages, windows we did not create and destroyed frames', async () => {
    const { invoke, win, trusted, warnings } = setup();
    const iframe: FrameLike = { url: 'app://benchtop/', parent: win.mainFrame, processId: 4, routingId: 99 };
    const foreign: FrameLike = { ...win.mainFrame, url: 'https://evil.test/' };
    const other = fakeWindow(2);
    await expect(invoke(win.event(iframe), 'app.info', {})).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    await expect(invoke(win.event(foreign), 'app.info', {})).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    await expect(invoke(win.event(null), 'app.info', {})).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    await expect(invoke(other.event(), 'app.info', {})).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    expect(warnings).toHaveLength(4);
    win.destroy();
    expect(trusted.isTrusted(win.event())).toBe(false);
  });
});

describe('registerIpcTransport: streams', () => {
  it('sends the port to the page with its nonce and forwards next/end', () => {
    const { openStream, win, streams, ports } = setup();
    openStream(win.event(), { nonce: 'n-1', method: 'containers.logs', input: { id: 'c' } });
    expect(win.posted).toEqual([{ channel: IPC_STREAM_PORT, message: { nonce: 'n-1' }, transfer: [{ name: 'port2', closed: false }] }]);
    expect(streams[0]).toMatchObject({ method: 'containers.logs', input: { id: 'c' } });
    expect(ports[0].started).toBe(true);
    streams[0].sink.next({ line: 1 });
    streams[0].sink.end({ code: 'engine_error', message: 'gone' });
    expect(ports[0].posted).toEqual([
      { t: 'next', value: { line: 1 } },
      { t: 'end', error: { code: 'engine_error', message: 'gone' } },
    ]);
  });

  it('stops the stream when the page sends close', () => {
    const { openStream, win, streams, ports, transport } = setup();
    openStream(win.event(), { nonce: 'n', method: 'm', input: {} });
    expect(transport.openStreams).toBe(1);
    ports[0].emit('message', { data: { t: 'nope' } });
    expect(streams[0].closed).toBe(false);
    ports[0].emit('message', { data: { t: 'close' } });
    expect(streams[0].closed).toBe(true);
    expect(ports[0].closed).toBe(true);
    streams[0].sink.next('late');
    expect(ports[0].posted).toEqual([]);
    expect(transport.openStreams).toBe(0);
  });

  it('passes { t: send } messages from the page to the stream, and none after close', () => {
    const { openStream, win, streams, ports } = setup();
    openStream(win.event(), { nonce: 'n', method: 'm', input: {} });
    ports[0].emit('message', { data: { t: 'send', data: { type: 'input', data: 'ls\r' } } });
    ports[0].emit('message', { data: { t: 'send' } });
    ports[0].emit('message', { data: { t: 'close' } });
    ports[0].emit('message', { data: { t: 'send', data: 'late' } });
    expect(streams[0].received).toEqual([{ type: 'input', data: 'ls\r' }, undefined]);
  });

  it('passes byte values to the port as they are', () => {
    const { openStream, win, streams, ports } = setup();
    openStream(win.event(), { nonce: 'n', method: 'm', input: {} });
    const bytes = new Uint8Array([104, 105]);
    streams[0].sink.next(bytes);
    expect(ports[0].posted).toEqual([{ t: 'next', value: bytes }]);
    expect((ports[0].posted[0] as { value: unknown }).value).toBe(bytes);
  });

  it('stops the stream when the page side of the port goes away', () => {
    const { openStream, win, streams, ports } = setup();
    openStream(win.event(), { nonce: 'n', method: 'm', input: {} });
    ports[0].emit('close');
    expect(streams[0].closed).toBe(true);
  });

  it('ignores untrusted and malformed stream requests', () => {
    const { openStream, win, streams, warnings } = setup();
    openStream(fakeWindow(3).event(), { nonce: 'n', method: 'm', input: {} });
    openStream(win.event(), { nonce: '', method: 'm' });
    openStream(win.event(), 'n');
    openStream(win.event(), { nonce: 'x'.repeat(200), method: 'm' });
    expect(streams).toEqual([]);
    expect(win.posted).toEqual([]);
    expect(warnings).toHaveLength(4);
  });

  it('dispose unregisters both channels and stops every stream', () => {
    const { openStream, win, streams, handlers, listeners, transport } = setup();
    openStream(win.event(), { nonce: 'a', method: 'm', input: {} });
    openStream(win.event(), { nonce: 'b', method: 'm', input: {} });
    transport.dispose();
    expect(streams.map((s) => s.closed)).toEqual([true, true]);
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});
