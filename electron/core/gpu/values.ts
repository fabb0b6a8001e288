/**
 * nvidia-smi / rocm-smi value cleaning: every "not available" spelling becomes null, units are
 * stripped. Spellings seen in real captures: `N/A`, `[N/A]`, `[Not Supported]`, `[Unknown Error]`,
 * `[Requested functionality has been deprecated]`, `[Function Not Found]`, `Not Found`,
 * `Requested functionality has been deprecated`, `N/A (Secondary die)`, and empty cells.
 */
const UNAVAILABLE = /^\s*(\[[^\]]*\]|N\/A(\s*\(.*\))?|Not Found|Not Supported|Unknown Error|Requested functionality has been deprecated|Function Not Found)?\s*$/i;

export function isUnavailable(value: string | undefined | null): boolean {
  return value === undefined || value === null || UNAVAILABLE.test(value);
}

/** A string value, or null for every unavailable spelling. */
export function textOrNull(value: string | undefined | null): string | null {
  if (isUnavailable(value)) return null;
  return value!.trim();
}

/** "24576 MiB", " 40 % ", "35.06 W", "45 C", "(1402Mhz)" → number; unavailable or not a number → null. */
export function numberOrNull(value: string | undefined | null): number | null {
  if (isUnavailable(value)) return null;
  const parsed = parseFloat(value!.replace(/^[\s(]+/, ''));
  return Number.isFinite(parsed) ? parsed : null;
}

/** Like numberOrNull but only whole numbers (pids, indexes, instance ids). */
export function integerOrNull(value: string | undefined | null): number | null {
  const n = numberOrNull(value);
  return n !== null && Number.isInteger(n) ? n : null;
}
