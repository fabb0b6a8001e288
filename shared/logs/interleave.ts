/**
 * Merges lines of several log streams by their engine timestamps. Lines wait in a pending set and
 * leave sorted on drain(); a caller drains once every stream has sent its first batch (so the
 * initial tails interleave) and then on a short timer (so live lines from different containers
 * that arrive within one tick land in time order).
 */
export class LogInterleaver<T extends { ts: string | null }> {
  #pending: { key: string; order: number; line: T }[] = [];
  #order = 0;

  get pendingCount(): number {
    return this.#pending.length;
  }

  add(lines: readonly T[]): void {
    for (const line of lines) this.#pending.push({ key: timestampKey(line.ts), order: this.#order++, line });
  }

  /** Every pending line, oldest first; lines without a timestamp keep their arrival order at the front. */
  drain(): T[] {
    const out = this.#pending.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order)).map((p) => p.line);
    this.#pending = [];
    return out;
  }
}

/**
 * A string that sorts like the instant: the engine writes RFC 3339 with trailing zeros of the
 * fraction trimmed ("…:05.1Z" vs "…:05.123456789Z"), so the fraction is padded to nanoseconds.
 */
export function timestampKey(ts: string | null): string {
  if (ts === null) return '';
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?/.exec(ts);
  if (!match) return ts;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}`;
}
