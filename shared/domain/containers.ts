import { z } from 'zod';
import { liveListChangeSchema, type LiveListChange } from './live-list.ts';

export const containerStateSchema = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const portBindingSchema = z.object({
  ip: z.string().nullable(),
  privatePort: z.number().int(),
  publicPort: z.number().int().nullable(),
  type: z.enum(['tcp', 'udp', 'sctp']),
});
export type PortBinding = z.infer<typeof portBindingSchema>;

export const containerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: containerStateSchema,
  status: z.string(),
  /** Unix seconds. */
  created: z.number(),
  ports: z.array(portBindingSchema),
  composeProject: z.string().nullable(),
  composeService: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

/** What the live list stream pushes: a full snapshot first and after every reconnect, then patches. */
/** What `containers.changes` pushes: the one live-list shape (live-list.ts), keyed by container id. */
export const containerChangeSchema = liveListChangeSchema(containerSummarySchema);
export type ContainerChange = LiveListChange<ContainerSummary>;
