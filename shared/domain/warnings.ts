import { z } from 'zod';

/**
 * Partial failures degrade, never blank an answer: a probe that failed (GPU processes, volume sizes,
 * disk usage, one compose file of several) leaves the rest of the answer intact and adds a warning
 * that names what failed. One shape everywhere: `warnings: string[]` beside the data, in the
 * contract's outputs and in the CLI's `--json`; the CLI prints each on stderr as `warning: …` and
 * exits 0 (electron/cli/warnings.ts); the UI shows them above what it could show.
 */
export const warningsSchema = z.array(z.string());
export type Warnings = z.infer<typeof warningsSchema>;

/** "WHAT unknown: why": the warning for a probe that failed. */
export function probeWarning(what: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${what} unknown: ${message.split('\n')[0]}`;
}
