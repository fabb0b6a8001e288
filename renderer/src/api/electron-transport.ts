import { STREAM_PORT_MESSAGE, type BenchtopBridge, type PortControl, type PortMessage } from '../../../shared/api/bridge.ts';
import type { StreamCallbacks, Transport } from './transport.ts';

interface PendingStream {
  callbacks: StreamCallbacks;
  port: MessagePort | null;
  closed: boolean;
  /** Messages sent before the port arrived, posted the moment it does. */
  early: PortControl[];
}

/**
 * Electron transport: calls go through `window.benchtop.invoke`; each stream gets a nonce from
 * `openStream`, and its MessagePort arrives later through a window 'message' event carrying
 * `{ [STREAM_PORT_MESSAGE]: nonce }` with the port in `event.ports[0]`.
 */
export function createElectronTransport(bridge: BenchtopBridge, target: Window = window): Transport {
  const streams = new Map<string, PendingStream>();

  target.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null || !(STREAM_PORT_MESSAGE in data)) return;
    const nonce = (data as Record<string, unknown>)[STREAM_PORT_MESSAGE];
    if (typeof nonce !== 'string') return;
    const stream = streams.get(nonce);
    const port = event.ports[0];
    if (!stream || !port) return;
    if (stream.closed) {
      sendClose(port);
      streams.delete(nonce);
      return;
    }
    stream.port = port;
    port.onmessage = (portEvent: MessageEvent) => {
      const message = portEvent.data as PortMessage;
      if (stream.closed) return;
      if (message.t === 'next') {
        stream.callbacks.onNext(message.value);
      } else if (message.t === 'end') {
        stream.closed = true;
        streams.delete(nonce);
        port.close();
        stream.callbacks.onEnd(message.error);
      }
    };
    port.start();
    for (const control of stream.early.splice(0)) port.postMessage(control);
  });

  function sendClose(port: MessagePort): void {
    const control: PortControl = { t: 'close' };
    try {
      port.postMessage(control);
    } finally {
      port.close();
    }
  }

  return {
    invoke(method, input) {
      return bridge.invoke(method, input);
    },
    open(method, input, callbacks) {
      const nonce = bridge.openStream(method, input);
      const stream: PendingStream = { callbacks, port: null, closed: false, early: [] };
      streams.set(nonce, stream);
      return {
        close() {
          if (stream.closed) return;
          stream.closed = true;
          stream.early = [];
          if (stream.port) {
            sendClose(stream.port);
            streams.delete(nonce);
          }
          // Without a port yet, the entry stays so the port is closed the moment it arrives.
        },
        send(data) {
          if (stream.closed) return;
          const control: PortControl = { t: 'send', data };
          if (stream.port) stream.port.postMessage(control);
          else stream.early.push(control);
        },
      };
    },
  };
}
