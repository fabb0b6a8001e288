import { z } from 'zod';
import { NETWORK_NAME_PATTERN, networkChangeSchema, networkSummarySchema } from '../../domain/networks.ts';
import type { MethodSpec } from '../method-spec.ts';

const cidr = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

export const networkMethods = {
  'networks.list': { kind: 'query', input: z.strictObject({}), output: z.array(networkSummarySchema) },
  'networks.create': {
    kind: 'mutation',
    input: z.strictObject({
      name: z.string().regex(NETWORK_NAME_PATTERN, 'A network name starts with a letter or digit, then letters, digits, "_", "." or "-"').max(255),
      driver: z.string().min(1).max(255).default('bridge'),
      /** e.g. "172.30.0.0/16"; the engine picks one when absent. */
      subnet: z.string().regex(cidr, 'A subnet is written in CIDR form, e.g. 172.30.0.0/16').optional(),
      internal: z.boolean().default(false),
      labels: z.record(z.string().min(1).max(1024), z.string().max(4096)).default({}),
    }),
    output: networkSummarySchema,
  },
  'networks.remove': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(256) }),
    output: z.strictObject({ id: z.string() }),
  },
  'networks.changes': { kind: 'stream', input: z.strictObject({}), output: networkChangeSchema },
} as const satisfies Record<string, MethodSpec>;
