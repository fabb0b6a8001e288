import type { Warnings } from '../../shared/domain/warnings.ts';
import type { CliIo } from './command.ts';

/**
 * How every listing command reports partial failures (shared/domain/warnings.ts): each warning on
 * stderr as `warning: …`, the exit code stays 0, and `--json` carries the same list as `warnings`
 * beside the data.
 */
export function printWarnings(io: CliIo, warnings: Warnings): void {
  for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
}

/** The `--json` document of a listing: its fields (or `{ [key]: list }` for a list) plus `warnings`. */
export function withWarnings<T extends object>(data: T, warnings: Warnings): T & { warnings: Warnings } {
  return { ...data, warnings };
}
