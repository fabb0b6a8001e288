import { z } from 'zod';
import { resolvedEnvironmentSchema } from './resolved.ts';

export const LOCKFILE_NAME = 'benchtop.lock.json';

/** `benchtop.lock.json`: what launched, pinned, so that Reproduce makes the same container elsewhere. */
export const lockfileSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The config it came from, relative to the lockfile's folder (or `template:<id>`). */
  source: z.string(),
  image: z.strictObject({
    /** What the config named, or the tag Benchtop built. */
    reference: z.string(),
    /** The image ID (sha256 of its config): the same bytes everywhere. */
    id: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    /** `repo@sha256:…` when the image came from a registry: Reproduce can pull it by digest. */
    repoDigests: z.array(z.string()),
    built: z.boolean(),
  }),
  gpu: z.strictObject({
    requested: z.string(),
    deviceRequests: z.array(z.record(z.string(), z.unknown())),
    readiness: z.string().nullable(),
  }),
  resolved: resolvedEnvironmentSchema,
});
export type Lockfile = z.infer<typeof lockfileSchema>;
