import { z } from 'zod';
import { containerChangeSchema, containerSummarySchema } from '../../domain/containers.ts';
import { DEFAULT_LOG_TAIL, logBatchSchema } from '../../domain/logs.ts';
import type { MethodSpec } from '../method-spec.ts';

const containerId = z.string().min(1).max(256);
const containerRef = z.strictObject({ id: containerId });
const done = z.strictObject({ id: z.string() });

export const containerMethods = {
  'containers.list': {
    kind: 'query',
    input: z.strictObject({ all: z.boolean().default(true) }),
    output: z.array(containerSummarySchema),
  },
  'containers.start': { kind: 'mutation', input: containerRef, output: done },
  'containers.stop': {
    kind: 'mutation',
    input: z.strictObject({ id: containerId, timeoutSeconds: z.number().int().min(0).max(600).optional() }),
    output: done,
  },
  'containers.restart': { kind: 'mutation', input: containerRef, output: done },
  'containers.remove': {
    kind: 'mutation',
    input: z.strictObject({ id: containerId, force: z.boolean().default(false), volumes: z.boolean().default(false) }),
    output: done,
  },
  'containers.changes': {
    kind: 'stream',
    input: z.strictObject({}),
    output: containerChangeSchema,
  },
  'containers.logs': {
    kind: 'stream',
    input: z.strictObject({
      id: containerId,
      /** Lines from the end; 'all' reads the whole history (downloads). */
      tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).default(DEFAULT_LOG_TAIL),
      follow: z.boolean().default(true),
      timestamps: z.boolean().default(false),
      /**
       * Resume: only the lines stamped at or after this engine timestamp (RFC 3339, as a line's
       * `ts`), the whole history after it (`tail` is ignored). The lines at the timestamp itself come
       * again: a viewer drops those it showed (shared/logs/log-resume.ts).
       */
      since: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/, 'an RFC 3339 timestamp, as a log line\'s ts').optional(),
    }),
    output: logBatchSchema,
  },
} as const satisfies Record<string, MethodSpec>;
