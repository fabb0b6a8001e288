import { z } from 'zod';

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
export const containerChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), containers: z.array(containerSummarySchema) }),
  z.object({ type: z.literal('upsert'), container: containerSummarySchema }),
  z.object({ type: z.literal('remove'), id: z.string() }),
  z.object({ type: z.literal('disconnected'), message: z.string(), retryInMs: z.number() }),
]);
export type ContainerChange = z.infer<typeof containerChangeSchema>;
