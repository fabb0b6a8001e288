import { z } from 'zod';

/** Where a model version came from: a pipeline step, a person, or an import. */
export const versionSourceSchema = z.object({
  type: z.enum(['pipeline', 'manual', 'mlflow']),
  /** Free-form origin: a host path, `runs:/<id>/model`, `benchtop://runs/<run>/<step>`. */
  uri: z.string().nullable(),
  runId: z.string().nullable(),
  step: z.string().nullable(),
  attempt: z.number().int().nullable(),
  imageDigest: z.string().nullable(),
});
export type VersionSource = z.infer<typeof versionSourceSchema>;

/** A digest of an input artifact the version was trained from. */
export const versionInputSchema = z.object({
  name: z.string(),
  digest: z.string(),
  runId: z.string().nullable(),
  step: z.string().nullable(),
  artifact: z.string().nullable(),
});
export type VersionInput = z.infer<typeof versionInputSchema>;

export const treeEntrySchema = z.object({ path: z.string(), digest: z.string(), size: z.number().int(), mode: z.number().int() });
export type TreeEntry = z.infer<typeof treeEntrySchema>;

export const modelVersionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  description: z.string(),
  source: versionSourceSchema,
  flavor: z.string().nullable(),
  /** The MLmodel signature ({inputs, outputs, params}) when the files carry one. */
  signature: z.unknown().nullable(),
  treeDigest: z.string().nullable(),
  fileCount: z.number().int(),
  sizeBytes: z.number().int(),
  externalId: z.string().nullable(),
  status: z.string(),
  userId: z.string().nullable(),
  /** null stands for NaN (JSON has no NaN). */
  metrics: z.record(z.string(), z.number().nullable()),
  params: z.record(z.string(), z.string()),
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  inputs: z.array(versionInputSchema),
  /** Feature sets (name@version) this version was trained on. */
  features: z.array(z.object({ name: z.string(), version: z.number().int() })),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  /** alias → version number; `latest` is not stored, it is `latestVersion`. */
  aliases: z.record(z.string(), z.number().int()),
  latestVersion: z.number().int().nullable(),
  versionCount: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
});
export type RegisteredModel = z.infer<typeof registeredModelSchema>;

/** One row of the Models page: the model and the version an alias (or `latest`) points at. */
export const modelSummarySchema = registeredModelSchema.extend({
  headline: modelVersionSchema.nullable(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const lineageNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['dataset', 'artifact', 'step', 'model_version', 'feature_set', 'run', 'image']),
  label: z.string(),
  runId: z.string().nullable(),
  step: z.string().nullable(),
  digest: z.string().nullable(),
});
export type LineageNode = z.infer<typeof lineageNodeSchema>;
export const lineageEdgeSchema = z.object({ source: z.string(), target: z.string(), relation: z.string() });
export type LineageEdge = z.infer<typeof lineageEdgeSchema>;
export const lineageGraphSchema = z.object({ nodes: z.array(lineageNodeSchema), edges: z.array(lineageEdgeSchema) });
export type LineageGraph = z.infer<typeof lineageGraphSchema>;

export const featureSchema = z.object({ name: z.string(), dtype: z.string(), description: z.string() });
export type Feature = z.infer<typeof featureSchema>;

export const featureSetVersionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  runId: z.string().nullable(),
  step: z.string().nullable(),
  attempt: z.number().int().nullable(),
  artifactPath: z.string().nullable(),
  treeDigest: z.string().nullable(),
  newestEventTime: z.string().nullable(),
  rowCount: z.number().int().nullable(),
  createdAt: z.number(),
});
export type FeatureSetVersion = z.infer<typeof featureSetVersionSchema>;

export const featureSetSchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string().nullable(),
  entity: z.string().nullable(),
  eventTime: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  features: z.array(featureSchema),
  latest: featureSetVersionSchema.nullable(),
  versionCount: z.number().int(),
  /** Model versions trained on any version of this set. */
  models: z.array(z.object({ name: z.string(), version: z.number().int(), featureVersion: z.number().int() })),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type FeatureSet = z.infer<typeof featureSetSchema>;

export const gcReportSchema = z.object({
  dryRun: z.boolean(),
  blobs: z.number().int(),
  bytes: z.number().int(),
  trees: z.number().int(),
  /** Soft-deleted rows removed for good (versions, feature versions, artifact roots). */
  purged: z.number().int(),
});
export type GcReport = z.infer<typeof gcReportSchema>;

/** The alias every model has without storing it: its highest live version. */
export const LATEST_ALIAS = 'latest';
/** As MLflow: letters, digits, `_` and `-`; `latest` and `v<N>` are reserved. */
export const ALIAS_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
export const RESERVED_ALIAS = /^(latest|v\d+)$/i;
/** As MLflow's file store: no `/`, `%` or control characters, no surrounding spaces. */
export const MODEL_NAME_PATTERN = /^(?! )[^/%\u0000-\u001f]{1,256}(?<! )$/;
