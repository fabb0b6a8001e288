import { z } from 'zod';
import { runStateSchema } from '../../pipeline/run-model.ts';
import type { MethodSpec } from '../method-spec.ts';

const absolutePath = z.string().min(1).max(4096);
/** `<mtime ms>-<sha256>` of the bytes read; a write is refused when the file's sha256 is no longer this one. */
const versionToken = z.string().min(1).max(200);

const pipelineGraphSchema = z.object({
  steps: z.array(z.object({ name: z.string(), image: z.string(), depends: z.array(z.string()), gpu: z.number(), retryLimit: z.number(), cacheEnabled: z.boolean() })),
  edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string(), kind: z.enum(['depends', 'artifact']), label: z.string().nullable() })),
});

export const workspaceFolderSchema = z.object({ path: z.string(), exists: z.boolean() });

export const pipelineFileSchema = z.object({
  /** Absolute path, usable with workspaces.readFile and pipelines.run's `file`. */
  file: z.string(),
  folder: z.string(),
  /** Path relative to its workspace folder, for display. */
  relative: z.string(),
  name: z.string().nullable(),
  valid: z.boolean(),
  problems: z.number().int(),
  steps: z.number().int(),
  lastRun: z.object({ id: z.string(), state: runStateSchema, createdAt: z.string(), finishedAt: z.string().nullable() }).nullable(),
  schedule: z.object({ enabled: z.boolean(), suspended: z.boolean(), cron: z.array(z.string()), nextTick: z.string().nullable() }).nullable(),
});
export type PipelineFileInfo = z.infer<typeof pipelineFileSchema>;

export const layoutSchema = z.object({
  /** Node positions the user dragged, by step name. */
  positions: z.record(z.string().max(63), z.object({ x: z.number(), y: z.number() })),
});
export type PipelineLayout = z.infer<typeof layoutSchema>;

/** Workspace folders and the pipeline files found in them, layout sidecars (issue 7). */
export const workspaceMethods = {
  'workspaces.list': { kind: 'query', input: z.strictObject({}), output: z.array(workspaceFolderSchema) },
  /** Adds an existing folder (absolute path on the machine that runs Benchtop). */
  'workspaces.add': { kind: 'mutation', input: z.strictObject({ path: absolutePath }), output: z.array(workspaceFolderSchema) },
  /**
   * The examples bundled with Benchtop (resources/examples), copied into `<data dir>/examples` (files
   * already there are kept) and added as a workspace folder: one click from an empty Pipelines page.
   */
  'workspaces.addExamples': {
    kind: 'mutation',
    input: z.strictObject({}),
    output: z.object({ folder: z.string(), written: z.number().int(), folders: z.array(workspaceFolderSchema) }),
  },
  'workspaces.remove': { kind: 'mutation', input: z.strictObject({ path: absolutePath }), output: z.array(workspaceFolderSchema) },
  /** Every pipeline file (apiVersion benchtop/v1, kind Pipeline) under the folders, with validation, last run and schedule. */
  'workspaces.files': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({ files: z.array(pipelineFileSchema), truncated: z.boolean() }),
  },
  /** `graph` is readPipelineGraph of `text`, read by the core so that the page draws the DAG without parsing first. */
  'workspaces.readFile': { kind: 'query', input: z.strictObject({ file: absolutePath }), output: z.object({ file: z.string(), text: z.string(), version: z.string(), graph: pipelineGraphSchema.nullable() }) },
  /** Atomic write (temp file + rename); refused with `conflict` when the file changed since `version` was read. */
  'workspaces.writeFile': {
    kind: 'mutation',
    input: z.strictObject({ file: absolutePath, text: z.string().max(1_000_000), version: versionToken }),
    output: z.object({ version: z.string() }),
  },
  /** The `<name>.layout.json` sidecar beside a pipeline file; empty positions when there is none. */
  'workspaces.readLayout': { kind: 'query', input: z.strictObject({ file: absolutePath }), output: layoutSchema },
  'workspaces.writeLayout': { kind: 'mutation', input: z.strictObject({ file: absolutePath, layout: layoutSchema }), output: z.object({ file: z.string() }) },
} as const satisfies Record<string, MethodSpec>;
