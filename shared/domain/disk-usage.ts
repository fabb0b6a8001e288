import { z } from 'zod';
import { warningsSchema } from './warnings.ts';

export const diskCategorySchema = z.object({
  count: z.number().int(),
  /** In use: images with containers, running containers, mounted volumes, build cache in use. */
  active: z.number().int(),
  /** Bytes. */
  size: z.number(),
  /** Bytes a prune of this category would free (an estimate for images: shared layers count once). */
  reclaimable: z.number(),
});
export type DiskCategory = z.infer<typeof diskCategorySchema>;

/** The engine's `/system/df`, summed per category. */
export const diskUsageSchema = z.object({
  images: diskCategorySchema,
  containers: diskCategorySchema,
  volumes: diskCategorySchema,
  buildCache: diskCategorySchema,
  totalSize: z.number(),
  totalReclaimable: z.number(),
  /**
   * Categories whose sizes could not be measured (the engine's df failed): their counts come from
   * the plain lists, their size and reclaimable read 0 and must be shown as unknown.
   */
  unmeasured: z.array(z.enum(['images', 'containers', 'volumes', 'buildCache'])).default([]),
  /** What could not be probed (shared/domain/warnings.ts). */
  warnings: warningsSchema.default([]),
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;
export type DiskCategoryKey = DiskUsage['unmeasured'][number];

export const pruneTargetSchema = z.enum(['containers', 'images', 'volumes', 'networks', 'build-cache']);
export type PruneTarget = z.infer<typeof pruneTargetSchema>;
export const PRUNE_TARGETS: readonly PruneTarget[] = pruneTargetSchema.options;
/** `all` prunes every target, containers first (which frees their volumes and images). */
export const pruneScopeSchema = z.enum([...pruneTargetSchema.options, 'all'] as const);
export type PruneScope = z.infer<typeof pruneScopeSchema>;

export const pruneItemSchema = z.object({
  target: pruneTargetSchema,
  id: z.string(),
  name: z.string(),
  /** Bytes it frees; null when unknown (networks). */
  size: z.number().nullable(),
});
export type PruneItem = z.infer<typeof pruneItemSchema>;

export const prunePreviewSchema = z.object({
  scope: pruneScopeSchema,
  items: z.array(pruneItemSchema),
  bytes: z.number(),
});
export type PrunePreview = z.infer<typeof prunePreviewSchema>;

export const pruneResultSchema = z.object({
  scope: pruneScopeSchema,
  /** What the engine says it removed. */
  removed: z.array(pruneItemSchema.omit({ size: true })),
  bytesReclaimed: z.number(),
});
export type PruneResult = z.infer<typeof pruneResultSchema>;
