import { z } from 'zod';
import { taskChangeSchema, taskInfoSchema } from '../../domain/tasks.ts';
import type { MethodSpec } from '../method-spec.ts';

export const taskMethods = {
  'tasks.list': { kind: 'query', input: z.strictObject({}), output: z.array(taskInfoSchema) },
  /** A snapshot, then every change of any task (progress coalesced). */
  'tasks.changes': { kind: 'stream', input: z.strictObject({}), output: taskChangeSchema },
  'tasks.cancel': {
    kind: 'mutation',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: z.object({ id: z.string(), cancelled: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;
