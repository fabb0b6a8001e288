import { z } from 'zod';
import { composeDeviceRequestSchema, composeProjectSchema } from '../domain/compose-model.ts';
import { gpuSourceSchema, lifecycleCommandSchema, resolvedEnvironmentSchema } from './resolved.ts';

export const LOCKFILE_NAME = 'benchtop.lock.json';

/** One image as launched: the ID pins the bytes; repo digests say where to pull them from. */
export const lockedImageSchema = z.strictObject({
  /** What the config named, or the tag Benchtop built. */
  reference: z.string(),
  /** The image ID (sha256 of its config): the same bytes everywhere. */
  id: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  /** `repo@sha256:…` when the image came from a registry: Reproduce can pull it by digest. */
  repoDigests: z.array(z.string()),
  built: z.boolean(),
});
export type LockedImage = z.infer<typeof lockedImageSchema>;

/**
 * `benchtop.lock.json` of an image, Dockerfile or template environment (one container): what
 * launched, pinned, so that Reproduce makes the same container elsewhere. Lockfiles written before
 * the compose variant had one carry no `kind`; they read as `container`.
 */
export const lockfileSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  kind: z.literal('container').optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The config it came from, relative to the lockfile's folder (or `template:<id>`). */
  source: z.string(),
  image: lockedImageSchema,
  gpu: z.strictObject({
    requested: z.string(),
    deviceRequests: z.array(z.record(z.string(), z.unknown())),
    readiness: z.string().nullable(),
  }),
  resolved: resolvedEnvironmentSchema,
});
export type Lockfile = z.infer<typeof lockfileSchema>;

/** The devcontainer.json of a compose environment, resolved: what Benchtop puts on the opened service. */
export const composeDevcontainerSchema = z.strictObject({
  name: z.string(),
  service: z.string(),
  runServices: z.array(z.string()).nullable(),
  workspaceFolder: z.string(),
  containerEnv: z.record(z.string(), z.string()),
  remoteEnv: z.record(z.string(), z.string().nullable()),
  overrideCommand: z.boolean().nullable(),
  containerUser: z.string().nullable(),
  remoteUser: z.string().nullable(),
  lifecycle: z.record(z.string(), lifecycleCommandSchema),
  metadata: z.record(z.string(), z.unknown()),
  gpu: gpuSourceSchema,
});
export type ComposeDevcontainer = z.infer<typeof composeDevcontainerSchema>;

/**
 * `benchtop.lock.json` of a `dockerComposeFile` environment: the compose model of the services that
 * were started (as loaded, before the devcontainer settings are put on the opened service; host
 * paths inside the project written `${localWorkspaceFolder}/…`), each service's image, the
 * devcontainer config resolved and the GPU request.
 */
export const composeLockfileSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  kind: z.literal('compose'),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The devcontainer.json, relative to the lockfile's folder. */
  source: z.string(),
  project: composeProjectSchema,
  /** Service name → its image as started. */
  images: z.record(z.string(), lockedImageSchema),
  devcontainer: composeDevcontainerSchema,
  gpu: z.strictObject({
    requested: z.string(),
    /** What was added to the opened service (the compose file's own requests stay in `project`). */
    deviceRequests: z.array(composeDeviceRequestSchema),
    readiness: z.string().nullable(),
  }),
});
export type ComposeLockfile = z.infer<typeof composeLockfileSchema>;

export type AnyLockfile = Lockfile | ComposeLockfile;

/** The schema a parsed lockfile is checked against: by its `kind` (none: a container lockfile). */
export function lockfileSchemaFor(json: unknown): typeof lockfileSchema | typeof composeLockfileSchema {
  const kind = typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
  return kind === 'compose' ? composeLockfileSchema : lockfileSchema;
}
