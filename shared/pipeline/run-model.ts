import { z } from 'zod';

/** Step states (DESIGN §6). */
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
});
export type StepDetail = z.infer<typeof stepDetailSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  pipeline: z.string(),
  file: z.string().nullable(),
  state: runStateSchema,
  message: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
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
