import type { LogLine } from '../domain/logs.ts';

/**
 * Resuming a followed container log after its stream broke (the web host's socket dropped, the
 * engine restarted): the stream is opened again with the engine's `since` at the newest timestamp
 * already shown. The engine's `since` is inclusive, so the lines at that very timestamp come again;
 * the cursor remembers them and drops them once, so the viewer shows each line exactly once, with
 * no gap. Lines need engine timestamps (`timestamps: true`); a line without one is passed through
 * and does not move the cursor.
 *
 * Not covered: a line the engine stamped earlier than the newest one shown but wrote after the
 * break (stdout and stderr are stamped by two copiers, microseconds apart).
 */
export class LogResumeCursor {
  #newest: bigint | null = null;
  #newestTs: string | null = null;
  /** stream+text of the lines shown at the newest timestamp, in order (with repeats). */
  #atNewest: string[] = [];
  /** While resuming: the boundary lines still expected once more, by identity → count. */
  #skipping: Map<string, number> | null = null;

  /** The RFC 3339 timestamp of the newest line shown; null before any stamped line. */
  get newestTimestamp(): string | null {
    return this.#newestTs;
  }

  /** Call before re-opening the stream from `newestTimestamp`: the boundary lines it sends again are dropped. */
  resume(): void {
    if (this.#newest === null) return;
    const expected = new Map<string, number>();
    for (const id of this.#atNewest) expected.set(id, (expected.get(id) ?? 0) + 1);
    this.#skipping = expected;
  }

  /** The lines of a batch to show: drops what a resume sent again; records what it keeps. */
  accept(lines: readonly LogLine[]): LogLine[] {
    const kept: LogLine[] = [];
    for (const line of lines) {
      const at = line.ts === null ? null : logTimestampNanos(line.ts);
      if (at === null) {
        kept.push(line);
        continue;
      }
      const id = `${line.stream}\u0000${line.text}`;
      if (this.#skipping && this.#newest !== null) {
        if (at < this.#newest) continue;
        if (at === this.#newest) {
          const left = this.#skipping.get(id) ?? 0;
          if (left > 0) {
            this.#skipping.set(id, left - 1);
            continue;
          }
        } else {
          this.#skipping = null;
        }
      }
      if (this.#newest === null || at > this.#newest) {
        this.#newest = at;
        this.#newestTs = line.ts;
        this.#atNewest = [id];
      } else if (at === this.#newest) {
        this.#atNewest.push(id);
      }
      kept.push(line);
    }
    return kept;
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds since the epoch of an engine timestamp (RFC 3339, nanoseconds, trailing zeros trimmed as the engine writes them); null when it is not one. */
export function logTimestampNanos(ts: string): bigint | null {
  const match = RFC3339.exec(ts);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  let ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(ms)) return null;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

/** The engine's `since` query value (`SECONDS.NANOSECONDS`) for an RFC 3339 timestamp; null when it is not one. */
export function engineSince(ts: string): string | null {
  const nanos = logTimestampNanos(ts);
  if (nanos === null) return null;
  const seconds = nanos / 1_000_000_000n;
  const rest = nanos % 1_000_000_000n;
  return `${seconds}.${rest.toString().padStart(9, '0')}`;
}
