import { Cron } from 'croner';

/**
 * Cron maths for `schedule` (croner, IANA time zones, DST-aware). A time that does not exist on a
 * spring-forward day fires at the end of the gap; a time that occurs twice on a fall-back day fires
 * once, at its first occurrence.
 */
export function nextTick(cron: readonly string[], timezone: string | undefined, after: Date): Date | null {
  let earliest: Date | null = null;
  for (const expression of cron) {
    const next = new Cron(expression, { timezone, paused: true }).nextRun(after);
    if (next && (!earliest || next < earliest)) earliest = next;
  }
  return earliest;
}

/** Ticks in (from, to], oldest first, at most `limit`. */
export function ticksBetween(cron: readonly string[], timezone: string | undefined, from: Date, to: Date, limit = 10_000): Date[] {
  const ticks: Date[] = [];
  let cursor = from;
  while (ticks.length < limit) {
    const next = nextTick(cron, timezone, cursor);
    if (!next || next > to) break;
    ticks.push(next);
    cursor = next;
  }
  return ticks;
}

/**
 * After downtime: the one missed tick to run now (the latest), if it is within the starting
 * deadline, else null (Argo's startingDeadlineSeconds: a missed tick runs at most once).
 */
export function missedTickToRun(missed: readonly Date[], now: Date, startingDeadlineMs: number): Date | null {
  const latest = missed.at(-1);
  if (!latest) return null;
  return now.getTime() - latest.getTime() <= startingDeadlineMs ? latest : null;
}
