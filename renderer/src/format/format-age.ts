const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'long' });

const UNITS: Array<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * How long ago a Unix-seconds timestamp was, in the largest whole unit: "2 minutes ago",
 * "1 hour ago", "3 days ago"; under a minute "just now" (also for clocks slightly ahead).
 */
export function formatAge(createdUnixSeconds: number, nowMs: number): string {
  const elapsed = Math.floor(nowMs / 1000 - createdUnixSeconds);
  if (elapsed < 60) return 'just now';
  for (const { unit, seconds } of UNITS) {
    if (elapsed >= seconds) return relative.format(-Math.floor(elapsed / seconds), unit);
  }
  return 'just now';
}
