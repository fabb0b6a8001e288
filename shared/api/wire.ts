import type { ApiErrorPayload, Envelope } from './errors.ts';

/**
 * Messages on the web host's one WebSocket (`/api`), JSON text frames. Ids are chosen by the
 * client and name one call or one stream. `send` carries a client message into an open stream
 * (checked against the method's `clientMessage` schema).
 *
 * One exception to JSON: a stream value that is bytes (a Uint8Array: terminal output) travels
 * server→client as a binary frame, a 4-byte big-endian stream id followed by the bytes, so a
 * TTY's output is never inflated by base64 or broken at a UTF-8 boundary. Client messages stay
 * JSON (keystrokes are small and already text); a binary frame from the client is refused.
 */
export type ClientMessage =
  | { t: 'invoke'; id: number; method: string; input: unknown }
  | { t: 'open'; id: number; method: string; input: unknown }
  | { t: 'send'; id: number; data: unknown }
  | { t: 'close'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; envelope: Envelope<unknown> }
  | { t: 'next'; id: number; value: unknown }
  | { t: 'end'; id: number; error?: ApiErrorPayload };

export const WEB_SOCKET_PATH = '/api';
/** Largest message either side accepts. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Bytes of the stream id that prefixes every binary frame. */
export const BINARY_FRAME_HEADER_BYTES = 4;

/** A binary frame for stream `id` carrying `bytes`. */
export function encodeBinaryFrame(id: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(BINARY_FRAME_HEADER_BYTES + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, id);
  frame.set(bytes, BINARY_FRAME_HEADER_BYTES);
  return frame;
}

/** The stream id and bytes of a binary frame, or null when it is too short to hold an id. */
export function decodeBinaryFrame(frame: ArrayBuffer | Uint8Array): { id: number; bytes: Uint8Array } | null {
  const view = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (view.byteLength < BINARY_FRAME_HEADER_BYTES) return null;
  const id = new DataView(view.buffer, view.byteOffset, view.byteLength).getUint32(0);
  return { id, bytes: view.subarray(BINARY_FRAME_HEADER_BYTES) };
}
