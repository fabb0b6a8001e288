import type { Dispatcher, StreamHandle } from '../core/api/dispatcher.ts';
import type { ApiErrorPayload, Envelope } from '../../shared/api/errors.ts';
import { encodeBinaryFrame, MAX_MESSAGE_BYTES, type ClientMessage, type ServerMessage } from '../../shared/api/wire.ts';

/** What a session needs from its socket (a `ws` WebSocket fits; tests pass fakes). */
export interface SessionSocket {
  readonly bufferedAmount: number;
  /** A string is sent as a text frame, bytes as a binary frame (as `ws` does). */
  send(data: string | Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface SocketSessionOptions {
  dispatcher: Dispatcher;
  socket: SessionSocket;
  /** Bytes queued towards a client past which it is dropped as too slow. */
  maxBufferedBytes?: number;
  /** Open streams per socket; a further `open` ends at once with an error. */
  maxStreams?: number;
  onProtocolError?: (reason: string) => void;
}

export interface SocketSession {
  /** One frame from the client. */
  receive(data: string | Buffer, isBinary: boolean): void;
  /** The socket closed: stop every stream it opened. */
  dispose(): void;
  readonly openStreams: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_STREAMS = 64;

/** Close codes used by the web host (RFC 6455 §7.4.1). */
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

type StreamEntry = { handle: StreamHandle | null; ended: boolean };

/**
 * One WebSocket connection speaking shared/api/wire.ts.
 *
 * - A frame that is not JSON, not an object, has an unknown `t` or a non-integer `id`, a binary
 *   frame, or an `open` that reuses a live stream id is a protocol violation: the socket is closed
 *   (1008, or 1003 for binary) and its streams stop. A well-formed `invoke`/`open` with a bad
 *   method or input is not: the dispatcher answers it with an error envelope / `end` error.
 * - `send` passes its `data` to the open stream's handle (which checks it against the method's
 *   `clientMessage` schema); a `send` for an unknown id (already ended) is ignored.
 * - A stream value that is a Uint8Array goes out as one binary frame (wire.ts encodeBinaryFrame).
 * - `close` is fire-and-forget: the stream's handler is aborted and nothing more is sent for that
 *   id. A `close` for an unknown id (already ended) is ignored.
 * - Back-pressure: after every send the socket's `bufferedAmount` is checked; past the bound the
 *   client is too slow, so all its streams stop and the socket is closed with 1013 and a reason.
 *   Memory per client is therefore bounded by about maxBufferedBytes + one message.
 * - A reply larger than MAX_MESSAGE_BYTES is not sent (the client would drop the socket): the call
 *   gets an `internal` error envelope, the stream ends with that error.
 */
export function createSocketSession(options: SocketSessionOptions): SocketSession {
  const { dispatcher, socket } = options;
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
  const streams = new Map<number, StreamEntry>();
  let closed = false;

  function shutdown(code: number, reason: string): void {
    if (closed) return;
    options.onProtocolError?.(reason);
    stopAll();
    socket.close(code, reason);
  }

  function stopAll(): void {
    closed = true;
    const entries = [...streams.values()];
    streams.clear();
    for (const entry of entries) {
      entry.ended = true;
      entry.handle?.close();
    }
  }

  function sendBytes(id: number, bytes: Uint8Array): ApiErrorPayload | null {
    if (closed) return null;
    if (bytes.byteLength > MAX_MESSAGE_BYTES) {
      return { code: 'internal', message: `A chunk of ${bytes.byteLength} bytes is larger than one message may carry (${MAX_MESSAGE_BYTES}).` };
    }
    socket.send(encodeBinaryFrame(id, bytes));
    checkBacklog();
    return null;
  }

  function checkBacklog(): void {
    if (socket.bufferedAmount > maxBuffered) {
      shutdown(CLOSE_TRY_AGAIN_LATER, `Client too slow: over ${Math.round(maxBuffered / 1048576)} MiB queued; reconnect`);
    }
  }

  /** Serialises and sends; returns an error payload when the message cannot be sent as is. */
  function send(message: ServerMessage): ApiErrorPayload | null {
    if (closed) return null;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      return { code: 'internal', message: `The server could not encode its reply: ${(error as Error).message}` };
    }
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
      return {
        code: 'internal',
        message: `The reply is larger than ${MAX_MESSAGE_BYTES} bytes, the most one message may carry. Ask for less (a smaller tail or page).`,
      };
    }
    socket.send(text);
    checkBacklog();
    return null;
  }

  function invoke(id: number, method: unknown, input: unknown): void {
    dispatcher
      .invoke(method, input)
      .catch((error: unknown): Envelope<unknown> => ({
        ok: false,
        error: { code: 'internal', message: `The call failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` },
      }))
      .then((envelope) => {
        const failure = send({ t: 'result', id, envelope });
        if (failure) send({ t: 'result', id, envelope: { ok: false, error: failure } });
      });
  }

  function open(id: number, method: unknown, input: unknown): void {
    if (streams.has(id)) {
      shutdown(CLOSE_POLICY_VIOLATION, `Stream id ${id} is already open`);
      return;
    }
    if (streams.size >= maxStreams) {
      send({
        t: 'end',
        id,
        error: { code: 'conflict', message: `Too many open streams on this connection (${maxStreams}); close some first.` },
      });
      return;
    }
    const entry: StreamEntry = { handle: null, ended: false };
    streams.set(id, entry);
    const end = (error?: ApiErrorPayload) => {
      if (entry.ended) return;
      entry.ended = true;
      if (streams.get(id) === entry) streams.delete(id);
      const failure = send(error ? { t: 'end', id, error } : { t: 'end', id });
      if (failure) send({ t: 'end', id, error: failure });
    };
    entry.handle = dispatcher.open(method, input, {
      next(value) {
        if (entry.ended || closed) return;
        const failure = value instanceof Uint8Array ? sendBytes(id, value) : send({ t: 'next', id, value });
        if (failure) {
          entry.handle?.close();
          end(failure);
        }
      },
      end,
    });
    if (entry.ended) entry.handle = null;
  }

  function deliver(id: number, data: unknown): void {
    const entry = streams.get(id);
    if (!entry || entry.ended) return;
    entry.handle?.send(data);
  }

  function close(id: number): void {
    const entry = streams.get(id);
    if (!entry) return;
    streams.delete(id);
    entry.ended = true;
    entry.handle?.close();
  }

  return {
    get openStreams() {
      return streams.size;
    },
    receive(data, isBinary) {
      if (closed) return;
      if (isBinary) {
        shutdown(CLOSE_UNSUPPORTED_DATA, 'Binary frames are not part of the protocol');
        return;
      }
      const message = parseClientMessage(typeof data === 'string' ? data : data.toString('utf8'));
      if (!message) {
        shutdown(CLOSE_POLICY_VIOLATION, 'Malformed message');
        return;
      }
      if (message.t === 'invoke') invoke(message.id, message.method, message.input);
      else if (message.t === 'open') open(message.id, message.method, message.input);
      else if (message.t === 'send') deliver(message.id, message.data);
      else close(message.id);
    },
    dispose() {
      stopAll();
    },
  };
}

/** A ClientMessage, or null when the frame breaks the protocol. `method`/`input` are checked by the dispatcher. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const { t, id } = record;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return null;
  if (t === 'close') return { t, id };
  if (t === 'send') return { t, id, data: record.data };
  if (t === 'invoke' || t === 'open') return { t, id, method: record.method as string, input: record.input };
  return null;
}
