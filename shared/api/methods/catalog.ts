import { z } from 'zod';
import {
  featureSetSchema,
  featureSetVersionSchema,
  gcReportSchema,
  lineageGraphSchema,
  modelSummarySchema,
  modelVersionSchema,
  registeredModelSchema,
  treeEntrySchema,
} from '../../catalog/model.ts';
import type { MethodSpec } from '../method-spec.ts';

const modelName = z.string().min(1).max(256);
/** A version number, `v3`, an alias, or `latest`. */
const versionRef = z.union([z.number().int().min(1), z.string().min(1).max(255)]);
const tags = z.record(z.string().min(1).max(250), z.string().max(8000));

/** The model and feature catalog, artifacts and MLflow interop (issue 8). */
export const catalogMethods = {
  /** The Models page: live models, each with its champion (else latest) version. */
  'models.list': { kind: 'query', input: z.strictObject({ text: z.string().max(500).optional(), limit: z.number().int().min(1).max(10_000).default(500) }), output: z.array(modelSummarySchema) },
  'models.get': { kind: 'query', input: z.strictObject({ name: modelName }), output: registeredModelSchema.extend({ versions: z.array(modelVersionSchema) }) },
  /** Versions by filter (`accuracy > 0.9 AND tags.team = 'vision' AND alias = champion`); a bad filter names its column. */
  'models.search': {
    kind: 'query',
    input: z.strictObject({
      filter: z.string().max(4000).default(''),
      name: modelName.optional(),
      text: z.string().max(500).optional(),
      /** Only the versions a pipeline run registered (the run's "Models" on the Runs page). */
      runId: z.string().min(1).max(128).optional(),
      limit: z.number().int().min(1).max(10_000).default(100) }),
    output: z.array(modelVersionSchema),
  },
  'models.version': { kind: 'query', input: z.strictObject({ name: modelName, version: versionRef }), output: modelVersionSchema.extend({ files: z.array(treeEntrySchema) }) },
  /** Upstream of a version: datasets, artifacts and steps of its run(s). */
  'models.lineage': { kind: 'query', input: z.strictObject({ name: modelName, version: versionRef }), output: lineageGraphSchema },
  /** Registers a file or folder on the machine that runs Benchtop as a new version. */
  'models.register': {
    kind: 'mutation',
    input: z.strictObject({
      name: modelName,
      path: z.string().min(1).max(4096),
      aliases: z.array(z.string().min(1).max(255)).default([]),
      metrics: z.record(z.string().min(1).max(250), z.number()).default({}),
      params: z.record(z.string().min(1).max(250), z.string().max(8000)).default({}),
      tags: tags.default({}),
      description: z.string().max(200_000).default(''),
    }),
    output: modelVersionSchema,
  },
  /** Registers files sent with the call (files dropped in the UI), base64: under 700 kB together (one message); bigger ones by path. */
  'models.upload': {
    kind: 'mutation',
    input: z.strictObject({
      name: modelName,
      files: z.array(z.strictObject({ path: z.string().min(1).max(1024), base64: z.string().max(1_000_000) })).min(1).max(100),
      aliases: z.array(z.string().min(1).max(255)).default([]),
      metrics: z.record(z.string().min(1).max(250), z.number()).default({}),
      tags: tags.default({}),
      description: z.string().max(200_000).default(''),
    }),
    output: modelVersionSchema,
  },
  'models.setAlias': { kind: 'mutation', input: z.strictObject({ name: modelName, alias: z.string().min(1).max(255), version: z.number().int().min(1) }), output: modelVersionSchema },
  'models.deleteAlias': { kind: 'mutation', input: z.strictObject({ name: modelName, alias: z.string().min(1).max(255) }), output: z.object({ name: z.string(), alias: z.string() }) },
  /** Tags on a model (no version) or on one version; `remove` deletes keys. */
  'models.setTags': {
    kind: 'mutation',
    input: z.strictObject({ name: modelName, version: versionRef.optional(), tags: tags.default({}), remove: z.array(z.string()).default([]) }),
    output: z.object({ name: z.string(), version: z.number().int().nullable(), tags: z.record(z.string(), z.string()) }),
  },
  /** The markdown model card of a model (no version) or a version. */
  'models.setDescription': {
    kind: 'mutation',
    input: z.strictObject({ name: modelName, version: versionRef.optional(), description: z.string().max(200_000) }),
    output: z.object({ name: z.string(), version: z.number().int().nullable(), description: z.string() }),
  },
  /** Soft delete of a version, or of the whole model when no version is given; `catalog.gc` frees the files. */
  'models.delete': { kind: 'mutation', input: z.strictObject({ name: modelName, version: versionRef.optional() }), output: z.object({ name: z.string(), version: z.number().int().nullable() }) },
  'features.list': { kind: 'query', input: z.strictObject({}), output: z.array(featureSetSchema) },
  'features.get': { kind: 'query', input: z.strictObject({ name: z.string().min(1).max(128) }), output: featureSetSchema.extend({ versions: z.array(featureSetVersionSchema) }) },
  /** Frees the blobs nothing live reaches; `dryRun` only counts them. */
  'catalog.gc': { kind: 'mutation', input: z.strictObject({ dryRun: z.boolean().default(false) }), output: gcReportSchema },
} as const satisfies Record<string, MethodSpec>;
