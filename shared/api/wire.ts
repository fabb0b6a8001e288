import type { ApiErrorPayload, Envelope } from './errors.ts';

/**
 * Messages on the web host's one WebSocket (`/api`), JSON text frames. Ids are chosen by the
 * client and name one call or one stream.
 */
export type ClientMessage =
  | { t: 'invoke'; id: number; method: string; input: unknown }
  | { t: 'open'; id: number; method: string; input: unknown }
  | { t: 'close'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; envelope: Envelope<unknown> }
  | { t: 'next'; id: number; value: unknown }
  | { t: 'end'; id: number; error?: ApiErrorPayload };

export const WEB_SOCKET_PATH = '/api';
/** Largest message either side accepts. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
