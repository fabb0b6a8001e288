import { z } from 'zod';

/**
 * What every live list stream pushes (containers, images, volumes, networks, tasks): a full
 * snapshot first and after every reconnect of the change feed, then patches; `remove` carries the
 * item's key (a container's or image's id, a task's id, a volume's or network's `key`). Built by
 * one engine in the core (electron/core/live/live-list.ts), folded in by one hook in the renderer
 * (renderer/src/live/use-live-list.ts).
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
