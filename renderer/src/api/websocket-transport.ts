import type { Envelope } from '../../../shared/api/errors.ts';
import { decodeBinaryFrame, MAX_MESSAGE_BYTES, WEB_SOCKET_PATH, type ClientMessage, type ServerMessage } from '../../../shared/api/wire.ts';
import { TransportError, type StreamCallbacks, type Transport } from './transport.ts';

/** The part of the browser's WebSocket this transport uses; tests pass a fake. */
export interface SocketLike {
  /** Set to 'arraybuffer' so binary frames (terminal bytes) arrive as ArrayBuffers. */
  binaryType?: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles after each failed attempt up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

interface PendingInvoke {
  method: string;
  resolve(envelope: Envelope<unknown>): void;
  reject(error: Error): void;
}

interface OpenStream {
  method: string;
  input: unknown;
  callbacks: StreamCallbacks;
  /** Wire id on the current socket; null while waiting for a connection. */
  wireId: number | null;
  /** True once it has been sent on an earlier socket, so a later open is a restart. */
  wasOpened: boolean;
}

/** `ws(s)://<host>/api` for the page's own origin; the auth cookie travels with the upgrade. */
export function webSocketUrlFor(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WEB_SOCKET_PATH}`;
}

/**
 * The web host transport: one WebSocket carrying invokes and multiplexed streams (shared/api/wire.ts).
 * Connects on first use, queues while connecting, reconnects with backoff when the socket drops,
 * rejects the calls that were waiting for an answer, and re-opens every stream that was open (from
 * where it was, for a stream that gives `resumeInput`).
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;

  let socket: SocketLike | null = null;
  let connected = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextBackoffMs = initialBackoffMs;
  let nextId = 1;
  /** Invokes waiting to be sent on the socket being opened. */
  let queue: ClientMessage[] = [];
  const pending = new Map<number, PendingInvoke>();
  const streams = new Set<OpenStream>();
  const streamsByWireId = new Map<number, OpenStream>();

  function ensureConnection(): void {
    if (socket || reconnectTimer) return;
    connect();
  }

  function connect(): void {
    reconnectTimer = null;
    const current = createSocket(options.url);
    current.binaryType = 'arraybuffer';
    socket = current;
    connected = false;
    current.onopen = () => {
      if (socket !== current) return;
      connected = true;
      nextBackoffMs = initialBackoffMs;
      for (const stream of streams) sendOpen(stream);
      const queued = queue;
      queue = [];
      for (const message of queued) current.send(JSON.stringify(message));
    };
    current.onmessage = (event) => {
      if (socket !== current) return;
      handleMessage(event.data);
    };
    current.onerror = () => {
      // A close event always follows; the drop is handled there.
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      handleDrop(current, event);
    };
  }

  function handleDrop(dropped: SocketLike, event: { code?: number; reason?: string }): void {
    const wasConnected = connected;
    socket = null;
    connected = false;
    dropped.onopen = dropped.onmessage = dropped.onerror = dropped.onclose = null;

    const why = event.reason ? ` (${event.reason})` : '';
    const lost = wasConnected
      ? `Lost the connection to the Benchtop host${why}`
      : `Could not connect to the Benchtop host at ${options.url}${why}`;

    const waiting = [...pending.values()];
    pending.clear();
    queue = [];
    for (const call of waiting) {
      call.reject(new TransportError(`${lost} while calling ${call.method}. Check that \`npm run web\` is still running, then try again.`));
    }

    streamsByWireId.clear();
    for (const stream of streams) stream.wireId = null;

    if (streams.size === 0) {
      // Nothing needs the connection now; the next call reconnects on demand.
      return;
    }
    const delay = nextBackoffMs;
    nextBackoffMs = Math.min(nextBackoffMs * 2, maxBackoffMs);
    reconnectTimer = setTimeout(connect, delay);
    for (const stream of [...streams]) {
      stream.callbacks.onInterrupted?.({ message: `${lost}.`, retryInMs: delay });
    }
  }

  function handleMessage(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      const frame = decodeBinaryFrame(data);
      if (frame) streamsByWireId.get(frame.id)?.callbacks.onNext(frame.bytes);
      return;
    }
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    switch (message.t) {
      case 'result': {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        call.resolve(message.envelope);
        return;
      }
      case 'next': {
        streamsByWireId.get(message.id)?.callbacks.onNext(message.value);
        return;
      }
      case 'end': {
        const stream = streamsByWireId.get(message.id);
        if (!stream) return;
        streamsByWireId.delete(message.id);
        streams.delete(stream);
        stream.callbacks.onEnd(message.error);
        return;
      }
    }
  }

  function sendOpen(stream: OpenStream): void {
    if (!socket || !connected) return;
    const id = nextId++;
    stream.wireId = id;
    streamsByWireId.set(id, stream);
    const resumed = stream.wasOpened ? stream.callbacks.resumeInput?.() : undefined;
    if (stream.wasOpened && resumed === undefined) stream.callbacks.onRestart?.();
    stream.wasOpened = true;
    const message: ClientMessage = { t: 'open', id, method: stream.method, input: resumed ?? stream.input };
    socket.send(JSON.stringify(message));
  }

  return {
    invoke(method, input) {
      const id = nextId++;
      const message: ClientMessage = { t: 'invoke', id, method, input };
      const text = JSON.stringify(message);
      if (text.length > MAX_MESSAGE_BYTES) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid_input', message: `The request to ${method} is too large to send (over ${MAX_MESSAGE_BYTES} bytes).` },
        });
      }
      return new Promise<Envelope<unknown>>((resolve, reject) => {
        pending.set(id, { method, resolve, reject });
        ensureConnection();
        if (socket && connected) socket.send(text);
        else queue.push(message);
      });
    },
    open(method, input, callbacks) {
      const stream: OpenStream = { method, input, callbacks, wireId: null, wasOpened: false };
      streams.add(stream);
      ensureConnection();
      sendOpen(stream);
      return {
        close() {
          if (!streams.delete(stream)) return;
          if (stream.wireId !== null) {
            streamsByWireId.delete(stream.wireId);
            if (socket && connected) {
              const message: ClientMessage = { t: 'close', id: stream.wireId };
              socket.send(JSON.stringify(message));
            }
          }
        },
        send(data) {
          if (!streams.has(stream) || stream.wireId === null || !socket || !connected) return;
          const message: ClientMessage = { t: 'send', id: stream.wireId, data };
          socket.send(JSON.stringify(message));
        },
      };
    },
  };
}
