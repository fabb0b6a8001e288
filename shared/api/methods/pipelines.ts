import { z } from 'zod';
import { runComparisonSchema, runDetailSchema, runEventSchema, runFilterSchema, runSummarySchema } from '../../pipeline/run-model.ts';
import { MAX_RUN_NAME_LENGTH } from '../../pipeline/run-name.ts';
import type { MethodSpec } from '../method-spec.ts';

const runId = z.string().min(1).max(128);
const problemSchema = z.object({ line: z.number().int(), column: z.number().int(), path: z.array(z.union([z.string(), z.number()])), message: z.string() });
const pipelineText = z.string().max(1_000_000);
const scheduleInfoSchema = z.object({
  pipeline: z.string(),
  file: z.string(),
  enabled: z.boolean(),
  suspended: z.boolean(),
  cron: z.array(z.string()),
  timezone: z.string().nullable(),
  concurrency: z.enum(['Forbid', 'Allow', 'Replace']),
  lastTick: z.string().nullable(),
  nextTick: z.string().nullable(),
  problem: z.string().nullable(),
});

export const pipelineMethods = {
  /** Checks a pipeline file's text; every problem has its line and column. */
  'pipelines.validate': {
    kind: 'query',
    input: z.strictObject({ text: pipelineText }),
    output: z.object({ valid: z.boolean(), name: z.string().nullable(), steps: z.array(z.string()), problems: z.array(problemSchema) }),
  },
  /** A pipeline file's text from a path on the machine that runs Benchtop (the Runs page's "New run…"); refused when the file is not a Benchtop pipeline. */
  'pipelines.readFile': {
    kind: 'query',
    input: z.strictObject({ file: z.string().min(1).max(4096) }),
    output: z.object({ file: z.string(), text: z.string() }),
  },
  /** Starts a run in the process that serves the API; follow it with runs.events. */
  'pipelines.run': {
    kind: 'mutation',
    input: z.strictObject({
      text: pipelineText,
      /** Where the text came from, for messages and the run list. */
      file: z.string().max(4096).optional(),
      params: z.record(z.string().max(63), z.string().max(65_536)).default({}),
      noCache: z.boolean().default(false),
      /** Record the run without starting it here; a `runs.resume` elsewhere (benchtop run --detach) carries it. */
      detach: z.boolean().default(false),
      /** The run's name (unique within the pipeline); left out: "<pipeline> <adjective>-<noun>". */
      name: z.string().max(MAX_RUN_NAME_LENGTH * 2).optional(),
    }),
    output: z.object({ runId: z.string() }),
  },
  /** Newest first; the filters (pipeline, state, since/until, text) combine with AND. */
  'runs.list': {
    kind: 'query',
    input: z.strictObject({ limit: z.number().int().min(1).max(10_000).default(100), ...runFilterSchema.shape }),
    output: z.array(runSummarySchema),
  },
  /** Every pipeline name that has runs, sorted (the Runs page's pipeline filter; one indexed query, not a run list). */
  'runs.pipelines': { kind: 'query', input: z.strictObject({}), output: z.array(z.string()) },
  /** Params and metrics (`step.metric`) of 1–100 runs in one call, in the order asked, for the compare table. */
  'runs.compare': { kind: 'query', input: z.strictObject({ ids: z.array(runId).min(1).max(100) }), output: z.array(runComparisonSchema) },
  /** A run by id or unique id prefix, with steps, attempts, outputs, metrics, artifacts and cache decisions. */
  'runs.get': { kind: 'query', input: z.strictObject({ id: runId }), output: runDetailSchema },
  /** Renames a run (names are unique within a pipeline; the id never changes). */
  'runs.rename': { kind: 'mutation', input: z.strictObject({ id: runId, name: z.string().max(MAX_RUN_NAME_LENGTH * 2) }), output: runDetailSchema },
  'runs.cancel': { kind: 'mutation', input: z.strictObject({ id: runId }), output: runDetailSchema },
  /**
   * A new run of the same pipeline and params. Plain: every step, unchanged ones from the cache.
   * `failed`: succeeded/cached steps are reused as they are, the rest (and their downstream) run
   * again. `from`: that step and its downstream run again without the cache, the rest is reused.
   */
  'runs.retry': {
    kind: 'mutation',
    input: z
      .strictObject({ id: runId, failed: z.boolean().default(false), from: z.string().min(1).max(63).optional() })
      .refine((input) => !(input.failed && input.from), 'Choose one: failed (re-run the failed steps) or from (re-run from a step).'),
    output: z.object({ runId: z.string() }),
  },
  /** Takes over runs whose process died (or that were started detached) and carries them on here. */
  'runs.resume': { kind: 'mutation', input: z.strictObject({ id: runId.optional() }), output: z.object({ runIds: z.array(z.string()) }) },
  /** One run's step states now, then every change until the run ends; without an id, every run's changes. */
  'runs.events': { kind: 'stream', input: z.strictObject({ id: runId.optional() }), output: runEventSchema },
  /** A step attempt's log (the latest attempt unless named), followed while the step runs in this process. */
  'runs.logs': {
    kind: 'stream',
    input: z.strictObject({
      id: runId,
      step: z.string().min(1).max(63),
      attempt: z.number().int().min(1).optional(),
      follow: z.boolean().default(true),
      /** Resume: the byte offset in the attempt's log to read from (the `end` of the last chunk shown). */
      offset: z.number().int().min(0).optional(),
    }),
    /** `end`: the byte offset in the attempt's log just after `text` (chunks end on whole UTF-8 characters). */
    output: z.object({ attempt: z.number().int(), text: z.string(), end: z.number().int() }),
  },
  'schedules.list': { kind: 'query', input: z.strictObject({}), output: z.array(scheduleInfoSchema) },
  /**
   * A schedule's next ticks; its missed ticks (after lastTick up to now, none of which made a run),
   * with the one a start-up catch-up would run (the latest, if within startingDeadline); and, given
   * from/to, the ticks a backfill of (from, to] would run (those without a run yet).
   */
  'schedules.ticks': {
    kind: 'query',
    input: z.strictObject({
      pipeline: z.string().min(1).max(63),
      next: z.number().int().min(0).max(100).default(5),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
    output: z.object({
      pipeline: z.string(),
      next: z.array(z.string()),
      missed: z.array(z.string()),
      /** Missed ticks in all (the list holds the latest 100). */
      missedCount: z.number().int(),
      /** The missed tick a start-up would still run (within startingDeadline), else null. */
      catchUp: z.string().nullable(),
      startingDeadlineMs: z.number(),
      /** The backfill preview when from and to are given, else null. */
      backfill: z.array(z.string()).nullable(),
    }),
  },
  /** Schedules a pipeline file by its `schedule` section (a path on the machine that runs Benchtop). */
  'schedules.enable': { kind: 'mutation', input: z.strictObject({ file: z.string().min(1).max(4096) }), output: scheduleInfoSchema },
  'schedules.disable': { kind: 'mutation', input: z.strictObject({ pipeline: z.string().min(1).max(63) }), output: z.object({ pipeline: z.string() }) },
  /** One run per tick in (from, to] that has none yet; resolves when they have all ended. */
  'schedules.backfill': {
    kind: 'mutation',
    input: z.strictObject({ pipeline: z.string().min(1).max(63), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), parallel: z.number().int().min(1).max(32).default(1) }),
    output: z.object({ runIds: z.array(z.string()) }),
  },
  /** Runs the scheduler in this process (if it is not already) and reports each tick until closed. */
  'schedules.follow': {
    kind: 'stream',
    input: z.strictObject({}),
    output: z.object({ type: z.literal('tick'), pipeline: z.string(), tick: z.string(), runId: z.string().nullable(), note: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
