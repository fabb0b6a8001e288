import { z } from 'zod';
import { composeProblemSchema, composeProjectSchema, composeSourceSchema } from '../../domain/compose-model.ts';
import { composePlanSchema, composeProgressSchema } from '../../domain/compose-plan.ts';
import { stackImageProgressSchema } from '../../domain/compose-images.ts';
import { stackSummarySchema } from '../../domain/compose-stacks.ts';
import type { MethodSpec } from '../method-spec.ts';

const projectRef = z.strictObject({ project: z.string().min(1).max(128) });
const fileRef = z.strictObject({ file: z.string().min(1).max(4096) });
const serviceRef = z.strictObject({ project: z.string().min(1).max(128), service: z.string().min(1).max(128) });
const acted = z.object({ project: z.string(), containers: z.number().int() });

export const composeMethods = {
  /** Every compose project on the engine (any tool's), grouped by com.docker.compose.project. */
  'compose.stacks': { kind: 'query', input: z.strictObject({}), output: z.array(stackSummarySchema) },
  /** Loads and validates the files: the normalised model, or invalid_input with details.problems (file:line:column). */
  'compose.config': {
    kind: 'query',
    /** partial: with several files, leave out one that cannot be read or parsed and name it in `warnings` (reading only: config, ps). */
    input: composeSourceSchema.extend({ partial: z.boolean().default(false) }),
    output: composeProjectSchema,
  },
  /** What up would create, recreate, start or keep: changes nothing. */
  'compose.plan': { kind: 'query', input: composeSourceSchema, output: composePlanSchema },
  /** forceRecreate: recreate containers even when unchanged; removeOrphans: remove the project's containers of services no longer in the files. */
  'compose.up': {
    kind: 'stream',
    input: composeSourceSchema.extend({ forceRecreate: z.boolean().default(false), removeOrphans: z.boolean().default(false) }),
    output: composeProgressSchema,
  },
  'compose.down': {
    kind: 'stream',
    /** timeout: seconds each container gets to stop before it is killed (docker compose down -t). */
    input: z.strictObject({ project: z.string().min(1).max(128), volumes: z.boolean().default(false), timeout: z.number().int().min(0).max(3600).optional() }),
    output: composeProgressSchema,
  },
  'compose.stop': { kind: 'mutation', input: projectRef, output: acted },
  'compose.start': { kind: 'mutation', input: projectRef, output: acted },
  'compose.restart': { kind: 'mutation', input: projectRef, output: acted },
  /** Restarts the containers of one service of a project. */
  'compose.restartService': { kind: 'mutation', input: serviceRef, output: acted },
  /** Up of one service (and what it depends on) with `replicas` containers: creates the missing, removes the extras. */
  'compose.scale': {
    kind: 'stream',
    input: composeSourceSchema.extend({ service: z.string().min(1).max(128), replicas: z.number().int().min(0).max(64) }),
    output: composeProgressSchema,
  },
  /** Pulls the images of the services without build:, each a task in the tray. */
  'compose.pull': { kind: 'stream', input: composeSourceSchema, output: stackImageProgressSchema },
  /** Builds the images of the services with build:, one after another, each a task in the tray. */
  'compose.build': { kind: 'stream', input: composeSourceSchema, output: stackImageProgressSchema },
  /** A compose file's text for the editor, with the version that compose.saveFile checks. */
  'compose.readFile': { kind: 'query', input: fileRef, output: z.object({ file: z.string(), text: z.string(), version: z.string() }) },
  /** Validates unsaved text as if it were the file: every problem with line and column (empty when valid). */
  'compose.validateText': {
    kind: 'query',
    input: z.strictObject({ file: z.string().min(1).max(4096), text: z.string().max(1_000_000), profiles: z.array(z.string().min(1).max(128)).max(32).default([]) }),
    output: z.object({ problems: z.array(composeProblemSchema) }),
  },
  /** Writes the editor's text; conflict when the file changed on disk since it was read at `version`. */
  'compose.saveFile': {
    kind: 'mutation',
    input: z.strictObject({ file: z.string().min(1).max(4096), text: z.string().max(1_000_000), version: z.string().min(1).max(128) }),
    output: z.object({ file: z.string(), version: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
