import { z } from 'zod';
import type { MethodSpec } from '../method-spec.ts';

const pipelineText = z.string().max(1_000_000);
const filePath = z.string().min(1).max(4096);
const namespace = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'A namespace is DNS-1123: lowercase letters, digits and "-".');
const contextName = z.string().min(1).max(253);

export const exportTargetSchema = z.enum(['argo', 'github-actions']);
export type ExportTarget = z.infer<typeof exportTargetSchema>;

/** Options of an export; the same for preview, save and submit. */
const exportOptions = {
  target: exportTargetSchema,
  text: pipelineText,
  /** Where the pipeline file lives (names the output file and the path the CI job runs). */
  file: filePath.nullable().default(null),
  namespace: namespace.optional(),
  /** `NAME` or `NAME:KEY` of the ConfigMap that holds the cluster's artifact repository. */
  artifactRepositoryRef: z.string().max(253).optional(),
};

export const exportNoteSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The pipeline step concerned, or null for the pipeline as a whole. */
  step: z.string().nullable(),
  /** The pipeline field concerned, e.g. `resources.shm` or `outputs.model`. */
  field: z.string(),
  message: z.string(),
});
export type ExportNote = z.infer<typeof exportNoteSchema>;

export const exportResultSchema = z.object({
  target: exportTargetSchema,
  /** The exported YAML (several documents for Argo with a schedule), or null when the export was refused. */
  yaml: z.string().nullable(),
  /** The kinds written, in order: WorkflowTemplate, CronWorkflow; or Workflow (GitHub Actions). */
  kinds: z.array(z.string()),
  /** The file name the export suggests, e.g. `train-and-select.argo.yaml`. */
  fileName: z.string(),
  /** Refusals (errors) and losses (warnings), each naming its step and field. */
  notes: z.array(exportNoteSchema),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const kubeContextSchema = z.object({ name: z.string(), cluster: z.string(), server: z.string().nullable(), namespace: z.string().nullable(), user: z.string() });

export const followEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('workflow'), phase: z.string(), message: z.string().nullable(), at: z.string() }),
  z.object({ type: z.literal('node'), node: z.string(), displayName: z.string(), phase: z.string(), message: z.string().nullable(), at: z.string() }),
  z.object({ type: z.literal('log'), node: z.string(), displayName: z.string(), text: z.string() }),
]);
export type FollowEvent = z.infer<typeof followEventSchema>;

/** Pipeline export to Argo Workflows and GitHub Actions, and cluster submission (issue 10). */
export const exportMethods = {
  /** Exports a pipeline's text; refusals come back as error notes with a null yaml. */
  'exports.preview': { kind: 'query', input: z.strictObject(exportOptions), output: exportResultSchema },
  /**
   * Writes an export next to the pipeline file (or to `path`); an existing file is replaced only
   * with `overwrite: true`, else a conflict error.
   */
  'exports.save': {
    kind: 'mutation',
    input: z.strictObject({ ...exportOptions, path: filePath.optional(), overwrite: z.boolean().default(false) }),
    output: z.object({ path: z.string(), bytes: z.number().int(), notes: z.array(exportNoteSchema) }),
  },
  /** The contexts of the user's kubeconfig (KUBECONFIG, else ~/.kube/config). */
  'exports.kubeContexts': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({ file: z.string().nullable(), current: z.string().nullable(), contexts: z.array(kubeContextSchema), problem: z.string().nullable() }),
  },
  /** Creates an Argo Workflow from the pipeline on the context's cluster; follow it with exports.follow. */
  'exports.submit': {
    kind: 'mutation',
    input: z.strictObject({
      text: pipelineText,
      file: filePath.nullable().default(null),
      context: contextName,
      namespace: namespace.optional(),
      artifactRepositoryRef: z.string().max(253).optional(),
      params: z.record(z.string().max(63), z.string().max(65_536)).default({}),
    }),
    output: z.object({ name: z.string(), namespace: z.string(), context: z.string(), uid: z.string().nullable(), notes: z.array(exportNoteSchema) }),
  },
  /** A submitted workflow's phase and node phases as they change, and its pods' logs, until it ends. */
  'exports.follow': {
    kind: 'stream',
    input: z.strictObject({ context: contextName, namespace, name: z.string().min(1).max(253), logs: z.boolean().default(true) }),
    output: followEventSchema,
  },
} as const satisfies Record<string, MethodSpec>;
