import { z } from 'zod';
import { environmentSummarySchema } from './summary.ts';

/** One message of an up / reproduce / rebuild stream. */
export const environmentProgressSchema = z.discriminatedUnion('type', [
  /** A stage: "Building the image", "Running postCreateCommand"… */
  z.object({ type: z.literal('step'), message: z.string() }),
  /** Output of a build or a lifecycle command. */
  z.object({ type: z.literal('output'), source: z.string(), line: z.string() }),
  z.object({ type: z.literal('warning'), message: z.string() }),
  z.object({ type: z.literal('ready'), environment: environmentSummarySchema, lockFile: z.string().nullable(), elapsedMs: z.number() }),
]);
export type EnvironmentProgress = z.infer<typeof environmentProgressSchema>;
