import { z } from 'zod';
import { engineStatusSchema } from '../../domain/engine.ts';
import type { MethodSpec } from '../method-spec.ts';

export const engineMethods = {
  'engine.status': {
    kind: 'query',
    input: z.strictObject({}),
    output: engineStatusSchema,
  },
  'engine.reconnect': {
    kind: 'mutation',
    input: z.strictObject({}),
    output: engineStatusSchema,
  },
} as const satisfies Record<string, MethodSpec>;
