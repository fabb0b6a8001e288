import type { z } from 'zod';

export type MethodKind = 'query' | 'mutation' | 'stream';

export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
  /**
   * Streams only: what the client may send on an open stream (terminal keystrokes, resizes,
   * acknowledgements). A stream without it accepts no client messages.
   */
  clientMessage?: z.ZodType;
}
