import { z } from 'zod';
import { diskUsageSchema, pruneResultSchema, pruneScopeSchema, prunePreviewSchema } from '../../domain/disk-usage.ts';
import type { MethodSpec } from '../method-spec.ts';

/** Engine label filters: "key" (present) or "key=value"; only matching items are pruned (build cache then is left alone). */
const pruneInput = z.strictObject({
  scope: pruneScopeSchema,
  labels: z.array(z.string().min(1).max(1024)).max(32).default([]),
});

export const systemMethods = {
  'system.df': { kind: 'query', input: z.strictObject({}), output: diskUsageSchema },
  /** What `system.prune` with the same scope would remove right now, and the bytes it frees. */
  'system.prunePreview': { kind: 'query', input: pruneInput, output: prunePreviewSchema },
  'system.prune': { kind: 'mutation', input: pruneInput, output: pruneResultSchema },
} as const satisfies Record<string, MethodSpec>;
