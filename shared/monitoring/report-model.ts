import { z } from 'zod';

/** The drift/quality report shared by the core, the CLI (--json) and the UI. */

export const columnKindSchema = z.enum(['numerical', 'categorical', 'binary']);
export const driftTestSchema = z.enum(['ks', 'wasserstein', 'chisquare', 'jensenshannon', 'ztest']);

export const sampleSummarySchema = z.object({
  /** Values used (after dropping missing and invalid ones). */
  rows: z.number().int(),
  missing: z.number().int(),
  /** Non-numeric values in a numerical column (left out). */
  invalid: z.number().int(),
  invalidExamples: z.array(z.string()),
  distinct: z.number().int(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
});

export const distributionSchema = z.discriminatedUnion('type', [
  /** Shares of each sample per bin; `edges` has one more entry than the shares. */
  z.object({ type: z.literal('histogram'), edges: z.array(z.number()), reference: z.array(z.number()), current: z.array(z.number()) }),
  z.object({ type: z.literal('bars'), labels: z.array(z.string()), reference: z.array(z.number()), current: z.array(z.number()) }),
]);

export const columnDriftSchema = z.object({
  name: z.string(),
  kind: columnKindSchema,
  test: driftTestSchema.nullable(),
  /** KS D, chi-squared, normalised Wasserstein, Jensen–Shannon distance or z. */
  statistic: z.number().nullable(),
  /** Null for the distance tests (wasserstein, jensenshannon) and refusals. */
  pValue: z.number().nullable(),
  /** Distance independent of sample size: Wasserstein / σ_ref (numerical), Jensen–Shannon (categorical, binary). */
  effectSize: z.number().nullable(),
  effectSizeName: z.string(),
  psi: z.number().nullable(),
  /** p-value below it (tests) or distance at or above it (distances) is drift. */
  threshold: z.number().nullable(),
  drifted: z.boolean().nullable(),
  /** Why no verdict was given (minimum-sample rule, missing column, free text), else null. */
  refusal: z.string().nullable(),
  reference: sampleSummarySchema,
  current: sampleSummarySchema,
  distribution: distributionSchema.nullable(),
});

export const qualitySchema = z.object({
  task: z.enum(['classification', 'regression']),
  rows: z.number().int(),
  metrics: z.record(z.string(), z.number().nullable()),
  /** The model version's training metrics, shown beside (same names when they exist). */
  training: z.record(z.string(), z.number().nullable()),
  refusal: z.string().nullable(),
});

export const driftReportSchema = z.object({
  createdAt: z.number(),
  reference: z.object({ source: z.string(), rows: z.number().int() }),
  current: z.object({ source: z.string(), rows: z.number().int() }),
  model: z.string().nullable(),
  /** Share of the columns with a verdict that drifted (null when none has a verdict). */
  driftShare: z.number().nullable(),
  driftedColumns: z.number().int(),
  testedColumns: z.number().int(),
  driftShareThreshold: z.number(),
  /** driftShare ≥ driftShareThreshold (Evidently's dataset rule); null when no column has a verdict. */
  datasetDrifted: z.boolean().nullable(),
  minRows: z.number().int(),
  /** Mismatched columns, invalid values: each a sentence naming the column. */
  problems: z.array(z.string()),
  columns: z.array(columnDriftSchema),
  quality: qualitySchema.nullable(),
});

export type ColumnKind = z.infer<typeof columnKindSchema>;
export type DriftTest = z.infer<typeof driftTestSchema>;
export type SampleSummary = z.infer<typeof sampleSummarySchema>;
export type Distribution = z.infer<typeof distributionSchema>;
export type ColumnDrift = z.infer<typeof columnDriftSchema>;
export type Quality = z.infer<typeof qualitySchema>;
export type DriftReport = z.infer<typeof driftReportSchema>;
