import { z } from 'zod';
import type { MethodSpec } from '../method-spec.ts';

export const appMethods = {
  'app.info': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.object({ version: z.string(), dataDir: z.string(), platform: z.string(), transport: z.string() }),
  },
  'settings.get': {
    kind: 'query',
    input: z.strictObject({ key: z.string().min(1).max(128) }),
    output: z.object({ key: z.string(), value: z.unknown().nullable() }),
  },
  'settings.set': {
    kind: 'mutation',
    input: z.strictObject({ key: z.string().min(1).max(128), value: z.unknown() }),
    output: z.object({ key: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
