import { z } from 'zod';
import type { MethodSpec } from '../method-spec.ts';

const countsSchema = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

/** What one `benchtop mlflow import` / "Import from MLflow…" did. Stable field names (CLI --json). */
export const mlflowImportSummarySchema = z.object({
  source: z.string(),
  kind: z.enum(['mlruns', 'sqlite']),
  /** alembic revision of an mlflow.db; null for mlruns. */
  schemaRevision: z.string().nullable(),
  experiments: countsSchema,
  runs: countsSchema,
  loggedModels: countsSchema,
  registeredModels: countsSchema,
  versions: countsSchema,
  aliases: countsSchema,
  metricPointsAdded: z.number().int(),
  artifactFiles: z.number().int(),
  /** What was passed over on purpose: stray files, folders without meta.yaml, missing artifacts. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  durationMs: z.number().int(),
});
export type MlflowImportSummary = z.infer<typeof mlflowImportSummarySchema>;

export const mlflowExportSummarySchema = z.object({
  target: z.string(),
  experiments: z.number().int(),
  runs: z.number().int(),
  loggedModels: z.number().int(),
  registeredModels: z.number().int(),
  versions: z.number().int(),
  metricPoints: z.number().int(),
  artifactFiles: z.number().int(),
  durationMs: z.number().int(),
});
export type MlflowExportSummary = z.infer<typeof mlflowExportSummarySchema>;

export const mlflowImportPhaseSchema = z.enum(['reading', 'artifacts', 'tracking', 'registry', 'done']);

const path = z.string().min(1).max(4096);

/** MLflow interop (issue 8): import an mlruns folder or an mlflow.db, export an mlruns folder. */
export const mlflowMethods = {
  'mlflow.import': {
    kind: 'stream',
    /** A path on the machine that runs the core: an mlruns folder or an mlflow.db file. */
    input: z.strictObject({ path }),
    /** Progress messages; the last one has phase `done` and the summary. Closing the stream cancels. */
    output: z.object({ phase: mlflowImportPhaseSchema, done: z.number().int(), total: z.number().int(), summary: mlflowImportSummarySchema.nullable() }),
  },
  'mlflow.export': {
    kind: 'stream',
    /** A new or empty folder on the machine that runs the core. */
    input: z.strictObject({ dir: path }),
    output: z.object({ done: z.number().int(), total: z.number().int(), summary: mlflowExportSummarySchema.nullable() }),
  },
} as const satisfies Record<string, MethodSpec>;
