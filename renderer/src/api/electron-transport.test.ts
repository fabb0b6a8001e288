// Drives the Electron transport with a fake bridge, an EventTarget as the window and a real
// MessageChannel (Node's, the same API as the browser's): no Electron needed.
import { describe, expect, it } from 'vitest';
import { STREAM_PORT_MESSAGE, type BenchtopBridge } from '../../../shared/api/bridge.ts';
import { createElectronTransport } from './electron-transport.ts';

function setup() {
  const target = new EventTarget();
  const bridge: BenchtopBridge = { invoke: async () => ({ ok: true, value: null }), openStream: () => 'nonce-1' };
  const transport = createElectronTransport(bridge, target as unknown as Window);
  const channel = new MessageChannel();
  const received: unknown[] = [];
  channel.port1.onmessage = (event) => received.push(event.data);
  const deliverPort = () => target.dispatchEvent(new MessageEvent('message', { data: { [STREAM_PORT_MESSAGE]: 'nonce-1' }, ports: [channel.port2] }));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { transport, channel, received, deliverPort, settle };
}

describe('Electron transport: client messages', () => {
  it('posts { t: send } on the port, keeping messages sent before the port arrived, and closes after', async () => {
    const { transport, channel, received, deliverPort, settle } = setup();
    const values: unknown[] = [];
    const stream = transport.open('containers.exec', { id: 'c' }, { onNext: (value) => values.push(value), onEnd: () => {} });
    stream.send({ type: 'input', data: 'early' });
    deliverPort();
    stream.send({ type: 'resize', cols: 90, rows: 30 });
    channel.port1.postMessage({ t: 'next', value: new Uint8Array([104, 105]) });
    await settle();
    stream.close();
    stream.send({ type: 'input', data: 'late' });
    await settle();
    expect(received).toEqual([
      { t: 'send', data: { type: 'input', data: 'early' } },
      { t: 'send', data: { type: 'resize', cols: 90, rows: 30 } },
      { t: 'close' },
    ]);
    expect(values).toEqual([new Uint8Array([104, 105])]);
    channel.port1.close();
  });
});
