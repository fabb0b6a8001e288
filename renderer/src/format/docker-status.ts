/**
 * Docker's container Status ("Up 5 seconds (healthy)", "Exited (0) 3 minutes ago") is a sentence
 * written once, when the list was read: left on screen it says "Up Less than a second" forever.
 * These helpers read the duration back out of it and write it again for a later clock, in Docker's
 * own words (its `units.HumanDuration`), so the status ticks like any relative time.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Docker's `units.HumanDuration`: "Less than a second", "About a minute", "3 hours", "2 weeks". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / HOUR);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

const UNIT_MS: Record<string, number> = { second: SECOND, minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };

/** The milliseconds a `humanDuration` sentence stands for (its lower bound), or null when it is not one. */
export function parseHumanDuration(text: string): number | null {
  const t = text.trim();
  if (/^less than a second$/i.test(t)) return 0;
  if (/^about a minute$/i.test(t)) return MINUTE;
  if (/^about an hour$/i.test(t)) return HOUR;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/i.exec(t);
  return m ? Number(m[1]) * UNIT_MS[m[2].toLowerCase()] : null;
}

export interface ParsedStatus {
  /** "Up", "Exited (0)", "Restarting (1)". */
  head: string;
  elapsedMs: number;
  /** " ago" for past events, "" for "Up …". */
  ago: boolean;
  /** What followed the duration: " (healthy)", " (Paused)". */
  tail: string;
}

/** Reads a Docker Status sentence; null when it has no duration ("Created", "Dead"). */
export function parseDockerStatus(status: string): ParsedStatus | null {
  const up = /^(Up) (.+?)((?: \([^)]*\))*)$/.exec(status);
  if (up) {
    const elapsedMs = parseHumanDuration(up[2]);
    return elapsedMs === null ? null : { head: up[1], elapsedMs, ago: false, tail: up[3] };
  }
  const past = /^((?:Exited|Restarting) \(-?\d+\)) (.+?) ago((?: \([^)]*\))*)$/.exec(status);
  if (past) {
    const elapsedMs = parseHumanDuration(past[2]);
    return elapsedMs === null ? null : { head: past[1], elapsedMs, ago: true, tail: past[3] };
  }
  return null;
}

/**
 * The status as Docker would write it at `nowMs`, given that it read `status` at `readAtMs`;
 * a status without a duration comes back as it was.
 */
export function statusAt(status: string, readAtMs: number, nowMs: number): string {
  const parsed = parseDockerStatus(status);
  if (!parsed) return status;
  const elapsed = parsed.elapsedMs + Math.max(0, nowMs - readAtMs);
  return `${parsed.head} ${humanDuration(elapsed)}${parsed.ago ? ' ago' : ''}${parsed.tail}`;
}
