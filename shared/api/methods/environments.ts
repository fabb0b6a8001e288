import { z } from 'zod';
import { appHealthSchema } from '../../environments/apps.ts';
import { environmentProblemSchema } from '../../environments/problems.ts';
import { environmentProgressSchema } from '../../environments/progress.ts';
import { environmentSummarySchema } from '../../environments/summary.ts';
import { environmentTemplateSchema } from '../../environments/template.ts';
import type { MethodSpec } from '../method-spec.ts';

const path = z.string().min(1).max(4096);
const envRef = z.strictObject({ id: z.string().min(1).max(64) });
const gpu = z.enum(['auto', 'none']).default('auto');

/** What `up` starts: a template in a project folder, or the folder's own devcontainer.json. */
export const environmentUpInputSchema = z.strictObject({
  folder: path,
  /** A template id; without it the folder's devcontainer.json is used. */
  template: z.string().min(1).max(64).optional(),
  /** A specific devcontainer.json; default: .devcontainer/devcontainer.json, .devcontainer.json, .devcontainer/<x>/devcontainer.json. */
  configFile: path.optional(),
  gpu,
  /** Run this image instead of the one the template or devcontainer.json names (a local build, say); every other setting stays the config's. */
  image: z.string().trim().min(1).max(512).regex(/^[^\s]+$/, 'an image reference has no spaces').optional(),
});

export const folderInspectionSchema = z.object({
  folder: z.string(),
  exists: z.boolean(),
  configFile: z.string().nullable(),
  name: z.string().nullable(),
  variant: z.enum(['image', 'build', 'compose']).nullable(),
  problems: z.array(environmentProblemSchema),
  warnings: z.array(z.string()),
  /** Why Benchtop cannot launch it (Features, template placeholders), or null. */
  refusal: z.string().nullable(),
  lockFile: z.string().nullable(),
});
export type FolderInspection = z.infer<typeof folderInspectionSchema>;

/** One-click environments from templates and devcontainer.json (issue 9). */
export const environmentMethods = {
  /** Every container with the devcontainer labels (Benchtop's, VS Code's, the devcontainer CLI's). */
  'environments.list': { kind: 'query', input: z.strictObject({}), output: z.array(environmentSummarySchema) },
  'environments.templates': { kind: 'query', input: z.strictObject({}), output: z.array(environmentTemplateSchema) },
  /** What a folder holds: its devcontainer.json checked (problems with line:column), without launching. */
  'environments.inspectFolder': { kind: 'query', input: z.strictObject({ folder: path }), output: folderInspectionSchema },
  /** Builds or finds the image, creates and starts the container, runs the lifecycle commands, writes the lockfile. */
  'environments.up': { kind: 'stream', input: environmentUpInputSchema, output: environmentProgressSchema },
  /** Recreates what a benchtop.lock.json records, by image ID. */
  'environments.reproduce': { kind: 'stream', input: z.strictObject({ lockFile: path, gpu }), output: environmentProgressSchema },
  /** Removes the container, builds the image again (no cache) and starts it again. */
  'environments.rebuild': { kind: 'stream', input: envRef, output: environmentProgressSchema },
  /**
   * The state of each app the environment declares (stopped, starting, healthy, unhealthy with its
   * last log lines): every app at once, again whenever one changes. Probes run only while watched.
   */
  'environments.appHealth': { kind: 'stream', input: envRef, output: z.array(appHealthSchema) },
  'environments.start': { kind: 'mutation', input: envRef, output: environmentSummarySchema },
  'environments.stop': { kind: 'mutation', input: envRef, output: environmentSummarySchema },
  /** Removes the container (a compose environment: its whole project); the project folder and lockfile stay. */
  'environments.remove': { kind: 'mutation', input: envRef, output: z.object({ id: z.string(), removed: z.number().int() }) },
  /** Writes a devcontainer.json or compose.yaml describing the environment. */
  'environments.export': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(64), format: z.enum(['devcontainer', 'compose']), file: path.optional(), overwrite: z.boolean().default(false) }),
    output: z.object({ file: z.string(), text: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
