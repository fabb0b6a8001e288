import { z } from 'zod';

/** Step states (docs/ARCHITECTURE.md §6.3). */
export const stepStateSchema = z.enum([
  'pending',
  'waiting',
  'running',
  'succeeded',
  'failed',
  'errored',
  'retrying',
  'skipped',
  'upstream_failed',
  'cached',
  'cancelled',
  'lost',
]);
export type StepState = z.infer<typeof stepStateSchema>;

export const runStateSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type RunState = z.infer<typeof runStateSchema>;

/** States a step never leaves. */
export const FINAL_STEP_STATES: ReadonlySet<StepState> = new Set(['succeeded', 'failed', 'errored', 'skipped', 'upstream_failed', 'cached', 'cancelled', 'lost']);
export const SUCCESS_STEP_STATES: ReadonlySet<StepState> = new Set(['succeeded', 'cached']);

export const attemptSchema = z.object({
  attempt: z.number().int(),
  state: stepStateSchema,
  containerId: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  oomKilled: z.boolean(),
  /** Why it ended as it did, in words ("exit code 3", "killed: out of memory (limit 32 MiB)"). */
  reason: z.string().nullable(),
  logPath: z.string(),
  /** When the step became ready for this attempt and began waiting for a slot (null in runs recorded before this was kept). */
  queuedAt: z.string().nullable(),
  /** When the container started (the end of waiting). */
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type AttemptDetail = z.infer<typeof attemptSchema>;

export const cacheDecisionSchema = z.object({
  decision: z.enum(['hit', 'miss', 'disabled']),
  /** A sentence: why it was (not) cached. */
  reason: z.string(),
  key: z.string().nullable(),
  /** Run whose result was reused (hit). */
  fromRun: z.string().nullable(),
});
export type CacheDecision = z.infer<typeof cacheDecisionSchema>;

export const artifactRecordSchema = z.object({ name: z.string(), path: z.string(), sha256: z.string(), size: z.number() });
export type ArtifactRecord = z.infer<typeof artifactRecordSchema>;

export const stepDetailSchema = z.object({
  name: z.string(),
  state: stepStateSchema,
  message: z.string().nullable(),
  imageDigest: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempts: z.array(attemptSchema),
  outputs: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), z.number()),
  artifacts: z.array(artifactRecordSchema),
  cache: cacheDecisionSchema.nullable(),
  /** When the step last became ready to run and began waiting for a slot (a live waiting bar while its state is waiting). */
  readyAt: z.string().nullable(),
  /** A re-run took this step's result from that run as it was (no container ran). */
  reusedFrom: z.string().nullable(),
});
export type StepDetail = z.infer<typeof stepDetailSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  /** "<pipeline> <adjective>-<noun>" unless the user named it (shared/pipeline/run-name.ts); shown with the whole id. */
  name: z.string(),
  pipeline: z.string(),
  file: z.string().nullable(),
  state: runStateSchema,
  message: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The run this one re-runs (runs.retry), and how: all, failed (only the steps that did not succeed) or from:STEP. */
  rerunOf: z.string().nullable(),
  rerunMode: z.string().nullable(),
  /** Step name → state, in file order. */
  steps: z.record(z.string(), stepStateSchema),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runDetailSchema = runSummarySchema.omit({ steps: true }).extend({ steps: z.array(stepDetailSchema) });
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step'), runId: z.string(), step: z.string(), state: stepStateSchema, attempt: z.number().int(), message: z.string().nullable(), at: z.string() }),
  z.object({ type: z.literal('run'), runId: z.string(), state: runStateSchema, message: z.string().nullable(), at: z.string() }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;

/** One run's params and metrics for a comparison table; metric keys are `step.metric`. */
export const runComparisonSchema = z.object({
  id: z.string(),
  name: z.string(),
  pipeline: z.string(),
  state: runStateSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  metrics: z.record(z.string(), z.number()),
});
export type RunComparison = z.infer<typeof runComparisonSchema>;

/** Which runs the list shows; every filter is optional and they combine with AND. */
export const runFilterSchema = z.strictObject({
  pipeline: z.string().max(63).optional(),
  state: runStateSchema.optional(),
  /** Created at or after / before (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** Case-insensitive substring of the id, name, pipeline, file, message or a param value. */
  text: z.string().max(200).optional(),
});
export type RunFilter = z.infer<typeof runFilterSchema>;
