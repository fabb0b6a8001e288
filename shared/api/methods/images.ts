import { z } from 'zod';
import { referenceProblem } from '../../domain/image-reference.ts';
import {
  buildEventSchema,
  builderSchema,
  imageChangeSchema,
  imageDetailsSchema,
  imageSummarySchema,
  pruneModeSchema,
  prunePreviewSchema,
  pruneResultSchema,
  pullProgressSchema,
} from '../../domain/images.ts';
import type { MethodSpec } from '../method-spec.ts';

/** An image id, short id or reference: the engine resolves it. */
const imageRef = z.string().min(1).max(512);
const reference = (tagOnly: boolean) =>
  z.string().superRefine((value, ctx) => {
    const problem = referenceProblem(value, tagOnly);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
  });
const labelFilter = z.array(z.string().min(1).max(256).regex(/^[^=\s]+(=[^\s]*)?$/, 'a label filter is KEY or KEY=VALUE')).max(16).default([]);

export const imageMethods = {
  'images.list': {
    kind: 'query',
    /** all: also the intermediate images of classic builds (untagged parents). */
    input: z.strictObject({ all: z.boolean().default(false) }),
    output: z.array(imageSummarySchema),
  },
  'images.changes': { kind: 'stream', input: z.strictObject({}), output: imageChangeSchema },
  'images.inspect': { kind: 'query', input: z.strictObject({ id: imageRef }), output: imageDetailsSchema },
  'images.pull': {
    kind: 'stream',
    input: z.strictObject({ image: reference(false) }),
    output: pullProgressSchema,
  },
  'images.builders': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({ buildx: z.boolean(), buildxVersion: z.string().nullable(), preferred: builderSchema }),
  },
  'images.build': {
    kind: 'stream',
    input: z.strictObject({
      /** A folder on the machine that runs the core. */
      context: z.string().min(1).max(4096),
      /** Relative to the context folder. */
      dockerfile: z.string().min(1).max(1024).default('Dockerfile'),
      tags: z.array(reference(true)).max(16).default([]),
      buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a build argument name is letters, digits and _'), z.string()).default({}),
      target: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a target is the name after "AS" in a FROM line').optional(),
      /** auto: buildx when the docker CLI has it, else the Engine API's classic builder. */
      builder: z.enum(['auto', 'buildx', 'classic']).default('auto'),
      labels: z.record(z.string().min(1), z.string()).default({}),
    }),
    output: buildEventSchema,
  },
  'images.remove': {
    kind: 'mutation',
    input: z.strictObject({ id: imageRef, force: z.boolean().default(false) }),
    output: z.object({ id: z.string(), deleted: z.array(z.string()), untagged: z.array(z.string()) }),
  },
  'images.tag': {
    kind: 'mutation',
    input: z.strictObject({ source: imageRef, target: reference(true) }),
    output: z.object({ source: z.string(), target: z.string() }),
  },
  'images.prunePreview': {
    kind: 'query',
    input: z.strictObject({ mode: pruneModeSchema.default('dangling'), labels: labelFilter }),
    output: prunePreviewSchema,
  },
  'images.prune': {
    kind: 'mutation',
    input: z.strictObject({ mode: pruneModeSchema.default('dangling'), labels: labelFilter }),
    output: pruneResultSchema,
  },
} as const satisfies Record<string, MethodSpec>;
