import { z } from 'zod';

/**
 * What a live list stream pushes (volumes, networks…): a full snapshot first and after every
 * reconnect of the engine's event stream, then patches keyed by the item's `key`.
 */
export function liveListChangeSchema<T extends z.ZodType>(item: T) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('snapshot'), items: z.array(item) }),
    z.object({ type: z.literal('upsert'), item }),
    z.object({ type: z.literal('remove'), key: z.string() }),
    z.object({ type: z.literal('disconnected'), message: z.string(), retryInMs: z.number() }),
  ]);
}

export type LiveListChange<T> =
  | { type: 'snapshot'; items: T[] }
  | { type: 'upsert'; item: T }
  | { type: 'remove'; key: string }
  | { type: 'disconnected'; message: string; retryInMs: number };
