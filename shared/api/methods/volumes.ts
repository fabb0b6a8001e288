import { z } from 'zod';
import { VOLUME_NAME_PATTERN, volumeChangeSchema, volumeSizeSchema, volumeSummarySchema } from '../../domain/volumes.ts';
import type { MethodSpec } from '../method-spec.ts';

const volumeName = z.string().min(1).max(255);
const labels = z.record(z.string().min(1).max(1024), z.string().max(4096));

export const volumeMethods = {
  'volumes.list': { kind: 'query', input: z.strictObject({}), output: z.array(volumeSummarySchema) },
  /** Sizes from the engine's system df; every volume when `names` is absent. */
  'volumes.sizes': {
    kind: 'query',
    input: z.strictObject({ names: z.array(volumeName).max(10_000).optional() }),
    output: z.array(volumeSizeSchema),
  },
  'volumes.create': {
    kind: 'mutation',
    input: z.strictObject({
      name: z
        .string()
        .regex(VOLUME_NAME_PATTERN, 'A volume name starts with a letter or digit, then letters, digits, "_", "." or "-" (2 characters at least)')
        .max(255),
      driver: z.string().min(1).max(255).default('local'),
      labels: labels.default({}),
    }),
    output: volumeSummarySchema,
  },
  'volumes.remove': {
    kind: 'mutation',
    input: z.strictObject({ name: volumeName, force: z.boolean().default(false) }),
    output: z.strictObject({ name: z.string() }),
  },
  'volumes.changes': { kind: 'stream', input: z.strictObject({}), output: volumeChangeSchema },
} as const satisfies Record<string, MethodSpec>;
