import { z } from 'zod';
import { composeProjectSchema, composeSourceSchema } from '../../domain/compose-model.ts';
import { composePlanSchema, composeProgressSchema } from '../../domain/compose-plan.ts';
import { stackSummarySchema } from '../../domain/compose-stacks.ts';
import type { MethodSpec } from '../method-spec.ts';

const projectRef = z.strictObject({ project: z.string().min(1).max(128) });
const acted = z.object({ project: z.string(), containers: z.number().int() });

export const composeMethods = {
  /** Every compose project on the engine (any tool's), grouped by com.docker.compose.project. */
  'compose.stacks': { kind: 'query', input: z.strictObject({}), output: z.array(stackSummarySchema) },
  /** Loads and validates the files: the normalised model, or invalid_input with details.problems (file:line:column). */
  'compose.config': { kind: 'query', input: composeSourceSchema, output: composeProjectSchema },
  /** What up would create, recreate, start or keep: changes nothing. */
  'compose.plan': { kind: 'query', input: composeSourceSchema, output: composePlanSchema },
  'compose.up': { kind: 'stream', input: composeSourceSchema, output: composeProgressSchema },
  'compose.down': {
    kind: 'stream',
    input: z.strictObject({ project: z.string().min(1).max(128), volumes: z.boolean().default(false) }),
    output: composeProgressSchema,
  },
  'compose.stop': { kind: 'mutation', input: projectRef, output: acted },
  'compose.start': { kind: 'mutation', input: projectRef, output: acted },
  'compose.restart': { kind: 'mutation', input: projectRef, output: acted },
} as const satisfies Record<string, MethodSpec>;
