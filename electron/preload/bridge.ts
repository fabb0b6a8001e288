import type { Envelope } from '../../shared/api/errors.ts';
import { IPC_INVOKE, IPC_OPEN_STREAM, IPC_PICK_FOLDER, IPC_SAVE_FILE, IPC_STREAM_PORT, STREAM_PORT_MESSAGE, type BenchtopBridge, type PickFolderOptions, type SaveFileResult } from '../../shared/api/bridge.ts';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike<Port> {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly Port[] }, ...args: unknown[]) => void): unknown;
}

/** The parts of the page's window the bridge uses. */
export interface WindowLike<Port> {
  readonly location: { readonly origin: string };
  postMessage(message: unknown, targetOrigin: string, transfer: Port[]): void;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export interface CreateBridgeOptions<Port extends { close(): void }> {
  ipcRenderer: IpcRendererLike<Port>;
  window: WindowLike<Port>;
  randomUUID: () => string;
}

/** Nonces waiting for their port; bounded so a page that never receives ports cannot grow it. */
const MAX_PENDING = 1024;

/**
 * window.benchtop: `invoke` forwards to IPC_INVOKE; `openStream` sends IPC_OPEN_STREAM with a
 * fresh nonce and returns it. When main answers with IPC_STREAM_PORT for a nonce this page issued,
 * the port is handed to the page with
 * `window.postMessage({ [STREAM_PORT_MESSAGE]: nonce }, <own origin>, [port])`; ports for unknown
 * nonces are closed. Nothing of Electron (ipcRenderer, events) reaches the page.
 */
export function createBridge<Port extends { close(): void }>(options: CreateBridgeOptions<Port>): BenchtopBridge {
  const { ipcRenderer, window } = options;
  const pending = new Set<string>();

  ipcRenderer.on(IPC_STREAM_PORT, (event, payload) => {
    const nonce = typeof payload === 'object' && payload !== null ? (payload as { nonce?: unknown }).nonce : undefined;
    const ports = [...event.ports];
    if (typeof nonce !== 'string' || !pending.delete(nonce) || ports.length !== 1) {
      for (const port of ports) port.close();
      return;
    }
    window.postMessage({ [STREAM_PORT_MESSAGE]: nonce }, targetOrigin(window), ports);
  });

  return {
    invoke(method, input) {
      return ipcRenderer.invoke(IPC_INVOKE, String(method), input) as Promise<Envelope<unknown>>;
    },
    openStream(method, input) {
      const nonce = options.randomUUID();
      if (pending.size >= MAX_PENDING) pending.delete(pending.values().next().value as string);
      pending.add(nonce);
      ipcRenderer.send(IPC_OPEN_STREAM, { nonce, method: String(method), input });
      return nonce;
    },
    async pickFolder(options) {
      const picked = await ipcRenderer.invoke(IPC_PICK_FOLDER, pickFolderRequest(options));
      return typeof picked === 'string' ? picked : null;
    },
    saveFile(file) {
      return ipcRenderer.invoke(IPC_SAVE_FILE, file) as Promise<SaveFileResult>;
    },
  };
}

/** The page's own origin (`app://benchtop`); '/' (same origin as this document) if it serialises as "null". */
function targetOrigin(window: WindowLike<unknown>): string {
  const origin = window.location.origin;
  return origin && origin !== 'null' ? origin : '/';
}

/** Only the two known fields, as strings: nothing else of the page's object crosses to main. */
function pickFolderRequest(options: PickFolderOptions | undefined): PickFolderOptions {
  const request: PickFolderOptions = {};
  if (typeof options?.title === 'string') request.title = options.title;
  if (typeof options?.defaultPath === 'string') request.defaultPath = options.defaultPath;
  return request;
}

/** Exposes exactly `window.benchtop = { invoke, openStream, pickFolder, saveFile }`. */
export function exposeBridge(contextBridge: ContextBridgeLike, bridge: BenchtopBridge): void {
  contextBridge.exposeInMainWorld('benchtop', {
    invoke: (method: string, input: unknown) => bridge.invoke(method, input),
    openStream: (method: string, input: unknown) => bridge.openStream(method, input),
    pickFolder: (options: PickFolderOptions) => bridge.pickFolder?.(options) ?? Promise.resolve(null),
    saveFile: (file: unknown) => bridge.saveFile?.(file) ?? Promise.resolve({ saved: false, error: 'Saving files is not available.' }),
  });
}
