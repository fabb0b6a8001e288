import type { z } from 'zod';

export type MethodKind = 'query' | 'mutation' | 'stream';

export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}
