import { z } from 'zod';

export const logLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  /** RFC 3339 timestamp from the engine, when asked for. */
  ts: z.string().nullable(),
  /** One line, carriage-return progress collapsed to its last state, ANSI escapes kept. */
  text: z.string(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logBatchSchema = z.object({ lines: z.array(logLineSchema) });
export type LogBatch = z.infer<typeof logBatchSchema>;

export const DEFAULT_LOG_TAIL = 1000;
