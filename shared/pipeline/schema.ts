import { z } from 'zod';

/** The pipeline file format (docs/ARCHITECTURE.md §6): the single source of truth; the JSON Schema is generated from it. */

export const STEP_NAME = /^[a-z0-9][-a-z0-9]*$/;
export const PIPELINE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Param, artifact and output names (Argo: `[-a-zA-Z0-9_]+`). */
export const IDENTIFIER = /^[A-Za-z0-9_][-A-Za-z0-9_]*$/;
export const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d))+$/;
export const QUANTITY = /^\d+(\.\d+)?([kKmMgGtT]i?[bB]?|[bB])?$/;
export const ARTIFACT_REF = /^steps\.([a-z0-9][-a-z0-9]*)\.outputs\.artifacts\.([A-Za-z0-9_][-A-Za-z0-9_]*)$/;

const stepName = z
  .string()
  .max(63, 'A step name has at most 63 characters.')
  .regex(STEP_NAME, 'A step name uses lowercase letters, digits and "-", and starts with a letter or digit.');
const identifier = z.string().max(63).regex(IDENTIFIER, 'A name uses letters, digits, "_" and "-".');
const duration = z.string().regex(DURATION, 'A duration is a number with a unit, e.g. 30s, 5m, 1h30m, 500ms.');
const quantity = z.union([
  z.number().positive(),
  z.string().regex(QUANTITY, 'A size is a number with an optional unit, e.g. 512m, 2g, 1Gi.'),
]);
const containerPath = z.string().min(1).startsWith('/', 'A path inside the container is absolute (starts with "/").');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const triggerRuleSchema = z.enum(['all_success', 'all_done', 'all_done_min_one_success', 'none_failed']);
export type TriggerRule = z.infer<typeof triggerRuleSchema>;

export const paramSchema = z.strictObject({
  type: z.enum(['string', 'int', 'float', 'bool']).default('string'),
  default: scalar.optional(),
  enum: z.array(scalar).min(1).optional(),
  description: z.string().optional(),
});

export const retrySchema = z.strictObject({
  /** Retries after the first attempt: limit 2 = at most 3 attempts. */
  limit: z.number().int().min(0).max(100).default(0),
  policy: z.enum(['OnFailure', 'OnError', 'Always']).default('OnFailure'),
  backoff: z
    .strictObject({
      duration: duration.default('1s'),
      factor: z.number().min(1).max(100).default(2),
      maxDuration: duration.optional(),
    })
    .optional(),
});

export const resourcesSchema = z.strictObject({
  /** CPUs (may be fractional). */
  cpu: z.number().positive().max(1024).optional(),
  memory: quantity.optional(),
  gpu: z.number().int().min(0).max(64).optional(),
  shm: quantity.optional(),
});

export const cacheSchema = z.union([
  z.boolean(),
  z.strictObject({
    enabled: z.boolean().default(true),
    maxAge: duration.optional(),
    salt: z.string().optional(),
  }),
]);

const envSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'An environment variable name uses letters, digits and "_", and does not start with a digit.'),
  scalar,
);

export const stepSchema = z.strictObject({
  image: z.string().min(1),
  /** Replaces the image's entrypoint; always explicit so that export to Argo behaves the same. */
  command: z.array(z.string()).min(1),
  args: z.array(z.string()).optional(),
  env: envSchema.optional(),
  depends: z.array(stepName).optional(),
  trigger: triggerRuleSchema.default('all_success'),
  /** An expression over params, upstream output params and monitors' latest results (`monitors.NAME.drift_share`); false → the step is skipped. */
  when: z.string().min(1).optional(),
  inputs: z
    .strictObject({
      artifacts: z
        .record(
          identifier,
          z.strictObject({
            from: z.string().regex(ARTIFACT_REF, 'Write `from` as steps.STEP.outputs.artifacts.NAME.'),
            path: containerPath,
          }),
        )
        .optional(),
    })
    .optional(),
  outputs: z
    .strictObject({
      /** Directories the step writes; mounted writable from the run's folder. */
      artifacts: z.record(identifier, z.strictObject({ path: containerPath, archive: z.enum(['none', 'tgz']).optional() })).optional(),
      /** Small text files (≤256 kB) read after the step exits. */
      params: z.record(identifier, z.strictObject({ path: containerPath, default: z.string().optional() })).optional(),
      /** A flat JSON object of numbers. */
      metrics: z.strictObject({ path: containerPath }).optional(),
      /** Registers the files at `path` (inside one of outputs.artifacts) as a new version of model `name` in the catalog. */
      model: z
        .strictObject({
          name: z.string().min(1).max(256),
          path: containerPath,
          flavor: z.string().optional(),
          /** Aliases moved to this version (e.g. champion); an identical version of the same run gets them instead of a duplicate. */
          aliases: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'An alias uses letters, digits, "_" and "-".')).optional(),
          /** Markdown: the model card. */
          description: z.string().optional(),
          tags: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
      /** Registers the table at `path` (inside one of outputs.artifacts) as a new version of feature set `name`. */
      features: z
        .strictObject({
          name: z.string().min(1).max(128),
          path: containerPath,
          /** column → dtype (int64, float64, string, timestamp…). */
          schema: z.record(z.string(), z.string()).optional(),
          /** The entity's join key column (e.g. customer_id). */
          entity: z.string().optional(),
          /** The event-time column; its newest value (CSV) is the set's freshness. */
          eventTime: z.string().optional(),
          owner: z.string().optional(),
          description: z.string().optional(),
          tags: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    })
    .superRefine((outputs, context) => {
      const roots = Object.values(outputs.artifacts ?? {}).map((a) => a.path.replace(/\/+$/, ''));
      for (const kind of ['model', 'features'] as const) {
        const path = outputs[kind]?.path;
        if (path !== undefined && !roots.some((root) => path === root || path.startsWith(`${root}/`) || root === '')) {
          context.addIssue({
            code: 'custom',
            path: [kind, 'path'],
            message: `outputs.${kind}.path must lie inside one of the step's outputs.artifacts paths (${roots.join(', ') || 'it declares none'}): declare the folder as an output artifact.`,
          });
        }
      }
    })
    .optional(),
  retry: retrySchema.optional(),
  timeout: duration.optional(),
  resources: resourcesSchema.optional(),
  pool: identifier.optional(),
  cache: cacheSchema.optional(),
});

export const scheduleSchema = z.strictObject({
  cron: z.array(z.string().min(1)).min(1),
  timezone: z.string().min(1).optional(),
  concurrency: z.enum(['Forbid', 'Allow', 'Replace']).default('Forbid'),
  startingDeadline: duration.optional(),
  suspend: z.boolean().default(false),
  keep: z.strictObject({ succeeded: z.number().int().min(0).optional(), failed: z.number().int().min(0).optional() }).optional(),
});

export const pipelineSchema = z.strictObject({
  apiVersion: z.literal('benchtop/v1', { error: 'Set apiVersion: benchtop/v1.' }),
  kind: z.literal('Pipeline', { error: 'Set kind: Pipeline.' }),
  metadata: z.strictObject({
    name: z
      .string()
      .max(52, 'A pipeline name has at most 52 characters (so that a CronWorkflow name fits on export).')
      .regex(PIPELINE_NAME, 'A pipeline name is DNS-1123: lowercase letters, digits and "-", starting and ending with a letter or digit.'),
    description: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  params: z.record(identifier, paramSchema).optional(),
  defaults: z
    .strictObject({
      retry: retrySchema.optional(),
      timeout: duration.optional(),
      resources: resourcesSchema.optional(),
      cache: cacheSchema.optional(),
      env: envSchema.optional(),
    })
    .optional(),
  parallelism: z.number().int().min(1).max(1000).optional(),
  failFast: z.boolean().default(false),
  timeout: duration.optional(),
  schedule: scheduleSchema.optional(),
  steps: z.record(stepName, stepSchema).refine((steps) => Object.keys(steps).length > 0, 'A pipeline has at least one step.'),
});

export type PipelineSpec = z.output<typeof pipelineSchema>;
export type StepSpec = z.output<typeof stepSchema>;
export type ParamSpec = z.output<typeof paramSchema>;
export type RetrySpec = z.output<typeof retrySchema>;
export type ResourcesSpec = z.output<typeof resourcesSchema>;
export type CacheSpec = z.output<typeof cacheSchema>;
export type ScheduleSpec = z.output<typeof scheduleSchema>;
