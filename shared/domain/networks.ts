import { z } from 'zod';
import { liveListChangeSchema } from './live-list.ts';
import { resourceUserSchema } from './volumes.ts';

export const networkSummarySchema = z.object({
  /** The live list's key: the network id. */
  key: z.string(),
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  /** IPAM subnets, e.g. ["172.18.0.0/16"]. */
  subnets: z.array(z.string()),
  internal: z.boolean(),
  /** bridge, host and none: the engine's own, never removed. */
  builtIn: z.boolean(),
  createdAt: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** Every container configured on it, running or not. */
  containers: z.array(resourceUserSchema),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

export const networkChangeSchema = liveListChangeSchema(networkSummarySchema);
export type NetworkChange = z.infer<typeof networkChangeSchema>;

export const NETWORK_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
export const BUILT_IN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];
