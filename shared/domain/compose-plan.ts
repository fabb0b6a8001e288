import { z } from 'zod';

/** What `up` will do to one resource. */
export const composePlanActionSchema = z.enum(['create', 'recreate', 'start', 'keep', 'remove']);
export type ComposePlanAction = z.infer<typeof composePlanActionSchema>;

export const composePlanStepSchema = z.object({
  kind: z.enum(['network', 'volume', 'container']),
  /** The engine's name of the resource. */
  name: z.string(),
  service: z.string().nullable(),
  action: composePlanActionSchema,
  /** Why, for a person: "the configuration changed (environment)", "not running". */
  reason: z.string(),
  /** A container's GPU reservation in words ("all GPUs", "GPUs 0, 1"); absent when it asks for none. */
  gpus: z.string().optional(),
});
export type ComposePlanStep = z.infer<typeof composePlanStepSchema>;

/** The "what will change" preview: every resource `up` touches, in order. */
export const composePlanSchema = z.object({
  project: z.string(),
  steps: z.array(composePlanStepSchema),
  /** Containers of the project no service in the file owns any more (left alone by up). */
  orphans: z.array(z.string()),
  /** Images that are not on the engine; up refuses until they are. */
  missingImages: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ComposePlan = z.infer<typeof composePlanSchema>;

/** One message of an up/down/stop/start/restart stream. */
export const composeProgressSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resource'),
    kind: z.enum(['network', 'volume', 'container']),
    name: z.string(),
    service: z.string().nullable(),
    /** creating, created, recreating, starting, started, waiting, healthy, exited, unchanged, stopping, stopped, removing, removed */
    status: z.string(),
    detail: z.string().optional(),
  }),
  z.object({ type: z.literal('done'), project: z.string(), changed: z.number().int(), elapsedMs: z.number() }),
]);
export type ComposeProgress = z.infer<typeof composeProgressSchema>;
