import type { Dispatcher, StreamHandle } from '../core/api/dispatcher.ts';
import type { Logger } from '../core/logging/logger.ts';
import type { ApiErrorPayload } from '../../shared/api/errors.ts';
import { IPC_INVOKE, IPC_OPEN_STREAM, IPC_STREAM_PORT, type PortControl, type PortMessage } from '../../shared/api/bridge.ts';
import type { IpcEventLike, SenderLike, TrustedSenders } from './trusted-senders.ts';

/** Main's end of a MessageChannelMain. */
export interface MainPortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: PortMessage): void;
  start(): void;
  close(): void;
}

export interface ChannelLike<Transferable> {
  port1: MainPortLike;
  port2: Transferable;
}

export interface IpcSenderLike<Transferable> extends SenderLike {
  postMessage(channel: string, message: unknown, transfer: Transferable[]): void;
}

export interface IpcMainEventLike<Transferable> extends IpcEventLike {
  readonly sender: IpcSenderLike<Transferable>;
}

/** The parts of Electron's ipcMain the transport uses. */
export interface IpcMainLike<Transferable> {
  handle(channel: string, listener: (event: IpcMainEventLike<Transferable>, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcMainEventLike<Transferable>, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEventLike<Transferable>, ...args: unknown[]) => void): unknown;
}

export interface IpcTransportOptions<Transferable> {
  ipcMain: IpcMainLike<Transferable>;
  dispatcher: Dispatcher;
  trusted: TrustedSenders;
  /** `() => new MessageChannelMain()` in Electron. */
  createChannel: () => ChannelLike<Transferable>;
  log?: Logger;
}

/** The message an untrusted invoke is rejected with (the renderer's ipcRenderer.invoke rejects). */
export const UNTRUSTED_SENDER_MESSAGE = 'Blocked call from an untrusted frame';

/** What the preload sends on IPC_OPEN_STREAM. */
export interface OpenStreamRequest {
  nonce: string;
  method: unknown;
  input: unknown;
}

/**
 * The Electron transport of the dispatcher.
 *
 * - IPC_INVOKE (ipcMain.handle): sender check, then dispatcher.invoke; the envelope is the reply.
 *   An untrusted sender gets no envelope: the handler throws UNTRUSTED_SENDER_MESSAGE, which
 *   rejects the caller's promise. It is not an API error code on purpose: a legitimate page never
 *   sees it, and no API code should suggest a retry.
 * - IPC_OPEN_STREAM (ipcMain.on, `{ nonce, method, input }`): sender check (untrusted: dropped and
 *   logged), then a MessageChannelMain: the stream's `next`/`end` go to port1, `{ t: 'close' }`
 *   from the page (or the page's port going away) aborts the handler, and port2 is sent to the
 *   page as IPC_STREAM_PORT with `{ nonce }`. `{ t: 'send', data }` from the page goes to the
 *   stream's handle.send (the dispatcher checks it). Bytes (Uint8Array values) cross the port as
 *   they are. The page closes its port after `end`.
 */
export function registerIpcTransport<Transferable>(options: IpcTransportOptions<Transferable>): { dispose(): void; readonly openStreams: number } {
  const { ipcMain, dispatcher, trusted, log } = options;
  const open = new Set<() => void>();

  ipcMain.handle(IPC_INVOKE, async (event, method, input) => {
    if (!trusted.isTrusted(event)) {
      log?.warn(`ipc: blocked invoke of ${String(method).slice(0, 100)} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      throw new Error(UNTRUSTED_SENDER_MESSAGE);
    }
    return dispatcher.invoke(method, input);
  });

  const onOpen = (event: IpcMainEventLike<Transferable>, request: unknown) => {
    if (!trusted.isTrusted(event)) {
      log?.warn(`ipc: blocked stream from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return;
    }
    if (!isOpenStreamRequest(request)) {
      log?.warn('ipc: malformed stream request');
      return;
    }
    const { port1, port2 } = options.createChannel();
    let handle: StreamHandle | null = null;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      open.delete(stop);
      handle?.close();
      port1.close();
    };
    open.add(stop);
    port1.on('message', ({ data }) => {
      const control = asPortControl(data);
      if (control?.t === 'close') stop();
      else if (control?.t === 'send' && !stopped) handle?.send(control.data);
    });
    port1.on('close', stop);
    port1.start();
    handle = dispatcher.open(request.method, request.input, {
      next(value) {
        if (!stopped) port1.postMessage({ t: 'next', value });
      },
      end(error?: ApiErrorPayload) {
        if (stopped) return;
        port1.postMessage(error ? { t: 'end', error } : { t: 'end' });
      },
    });
    if (stopped) handle.close();
    event.sender.postMessage(IPC_STREAM_PORT, { nonce: request.nonce }, [port2]);
  };
  ipcMain.on(IPC_OPEN_STREAM, onOpen);

  return {
    get openStreams() {
      return open.size;
    },
    dispose() {
      ipcMain.removeHandler(IPC_INVOKE);
      ipcMain.removeListener(IPC_OPEN_STREAM, onOpen);
      for (const stop of [...open]) stop();
    },
  };
}

function isOpenStreamRequest(value: unknown): value is OpenStreamRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { nonce } = value as { nonce?: unknown };
  return typeof nonce === 'string' && nonce.length > 0 && nonce.length <= 128;
}

/** `{ t: 'close' }` or `{ t: 'send', data }` from the page; anything else is ignored. */
function asPortControl(data: unknown): PortControl | null {
  if (typeof data !== 'object' || data === null) return null;
  const { t } = data as { t?: unknown };
  if (t === 'close') return { t };
  if (t === 'send') return { t, data: (data as { data?: unknown }).data };
  return null;
}
