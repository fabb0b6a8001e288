import type { ApiErrorPayload, Envelope } from './errors.ts';

/**
 * What the Electron preload exposes as `window.benchtop`, and nothing else.
 *
 * openStream returns a nonce at once; the stream's MessagePort then reaches the page through
 * `window.postMessage({ [STREAM_PORT_MESSAGE]: nonce }, …, [port])`. On the port the page receives
 * PortMessage values (a `next` value may be a Uint8Array: structured clone carries bytes as they
 * are), sends `{ t: 'send', data }` to pass a client message into the stream and `{ t: 'close' }`
 * to stop it.
 */
export interface BenchtopBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  openStream(method: string, input: unknown): string;
  /** The system's folder dialog (Electron only): the chosen absolute path, or null when cancelled. */
  pickFolder?(options: PickFolderOptions): Promise<string | null>;
  /** Saves a run artifact or model version file where the person picks (the native save dialog). */
  saveFile?(file: unknown): Promise<SaveFileResult>;
}

/** What the page may ask of the native folder dialog (IPC_PICK_FOLDER); main checks it again. */
export interface PickFolderOptions {
  /** The dialog's title, e.g. "Add a workspace folder". */
  title?: string;
  /** Absolute folder the dialog opens in. */
  defaultPath?: string;
}

/** The answer to saveFile: saved (where), cancelled in the dialog, or why it failed. */
export type SaveFileResult = { saved: true; path: string } | { saved: false; error?: string };

export const STREAM_PORT_MESSAGE = 'benchtop:stream-port';

export type PortMessage = { t: 'next'; value: unknown } | { t: 'end'; error?: ApiErrorPayload };
export type PortControl = { t: 'close' } | { t: 'send'; data: unknown };

/** IPC channel names between preload and main. */
export const IPC_INVOKE = 'benchtop:invoke';
export const IPC_OPEN_STREAM = 'benchtop:open-stream';
export const IPC_STREAM_PORT = 'benchtop:stream-port';
export const IPC_PICK_FOLDER = 'benchtop:pick-folder';
export const IPC_SAVE_FILE = 'benchtop:save-file';
