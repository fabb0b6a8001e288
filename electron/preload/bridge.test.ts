import { describe, expect, it } from 'vitest';
import { IPC_INVOKE, IPC_OPEN_STREAM, IPC_PICK_FOLDER, IPC_SAVE_FILE, IPC_STREAM_PORT, STREAM_PORT_MESSAGE } from '../../shared/api/bridge.ts';
import { createBridge, exposeBridge, type IpcRendererLike, type WindowLike } from './bridge.ts';

type Port = { id: string; closed: boolean; close(): void };
const port = (id: string): Port => {
  const p = { id, closed: false, close: () => void (p.closed = true) };
  return p;
};

function setup(origin = 'app://benchtop', pickAnswer: unknown = null) {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  let onPort: ((event: { ports: readonly Port[] }, ...args: unknown[]) => void) | null = null;
  const ipcRenderer: IpcRendererLike<Port> = {
    invoke: async (...args) => {
      invoked.push(args);
      return args[0] === IPC_PICK_FOLDER ? pickAnswer : { ok: true, value: 1 };
    },
    send: (...args) => void sent.push(args),
    on: (channel, listener) => {
      expect(channel).toBe(IPC_STREAM_PORT);
      onPort = listener;
    },
  };
  const posted: { message: unknown; targetOrigin: string; transfer: Port[] }[] = [];
  const window: WindowLike<Port> = {
    location: { origin },
    postMessage: (message, targetOrigin, transfer) => void posted.push({ message, targetOrigin, transfer }),
  };
  let n = 0;
  const bridge = createBridge({ ipcRenderer, window, randomUUID: () => `nonce-${++n}` });
  return { bridge, invoked, sent, posted, deliver: (payload: unknown, ports: Port[]) => onPort?.({ ports }, payload) };
}

describe('createBridge', () => {
  it('invokes over IPC_INVOKE', async () => {
    const { bridge, invoked } = setup();
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 1 });
    expect(invoked).toEqual([[IPC_INVOKE, 'app.info', {}]]);
  });

  it('opens a stream with a nonce and hands its port to the page', () => {
    const { bridge, sent, posted, deliver } = setup();
    const nonce = bridge.openStream('containers.logs', { id: 'c' });
    expect(nonce).toBe('nonce-1');
    expect(sent).toEqual([[IPC_OPEN_STREAM, { nonce, method: 'containers.logs', input: { id: 'c' } }]]);
    const p = port('a');
    deliver({ nonce }, [p]);
    expect(posted).toEqual([{ message: { [STREAM_PORT_MESSAGE]: nonce }, targetOrigin: 'app://benchtop', transfer: [p] }]);
    deliver({ nonce }, [port('again')]);
    expect(posted).toHaveLength(1);
  });

  it('closes ports for nonces it did not issue', () => {
    const { bridge, posted, deliver } = setup();
    bridge.openStream('m', {});
    const stray = port('stray');
    deliver({ nonce: 'forged' }, [stray]);
    deliver('junk', []);
    expect(stray.closed).toBe(true);
    expect(posted).toEqual([]);
  });

  it('targets the same origin even when the origin serialises as "null"', () => {
    const { bridge, posted, deliver } = setup('null');
    const nonce = bridge.openStream('m', {});
    deliver({ nonce }, [port('p')]);
    expect(posted[0].targetOrigin).toBe('/');
  });
});

describe('pickFolder', () => {
  it('asks main over IPC_PICK_FOLDER with only the title and start folder, and answers the path', async () => {
    const { bridge, invoked } = setup('app://benchtop', '/home/me/pipelines');
    const options = { title: 'Add a folder', defaultPath: '/home/me', extra: () => 'not cloneable' } as unknown as { title: string };
    expect(await bridge.pickFolder?.(options)).toBe('/home/me/pipelines');
    expect(invoked).toEqual([[IPC_PICK_FOLDER, { title: 'Add a folder', defaultPath: '/home/me' }]]);
  });

  it('answers null when the dialog was cancelled or main answered something else', async () => {
    expect(await setup('app://benchtop', null).bridge.pickFolder?.({})).toBeNull();
    expect(await setup('app://benchtop', { path: '/x' }).bridge.pickFolder?.({})).toBeNull();
  });
});

describe('saveFile', () => {
  it('asks main over IPC_SAVE_FILE with the file reference and answers what main said', async () => {
    const { bridge, invoked } = setup('app://benchtop');
    const file = { kind: 'artifact', runId: 'r1', step: 's', artifact: 'a', path: 'x.txt' };
    await bridge.saveFile?.(file);
    expect(invoked).toEqual([[IPC_SAVE_FILE, file]]);
  });
});

describe('exposeBridge', () => {
  it('exposes exactly invoke, openStream, pickFolder and saveFile as window.benchtop', async () => {
    const exposed: Record<string, unknown> = {};
    const { bridge, invoked } = setup('app://benchtop', '/picked');
    exposeBridge({ exposeInMainWorld: (key, api) => void (exposed[key] = api) }, bridge);
    expect(Object.keys(exposed)).toEqual(['benchtop']);
    expect(Object.keys(exposed.benchtop as object).sort()).toEqual(['invoke', 'openStream', 'pickFolder', 'saveFile']);
    expect(await (exposed.benchtop as { pickFolder(o: object): Promise<string | null> }).pickFolder({ title: 'T' })).toBe('/picked');
    expect(invoked).toEqual([[IPC_PICK_FOLDER, { title: 'T' }]]);
  });
});
