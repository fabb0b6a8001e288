/**
 * The engine's RFC 3339 timestamp (nanoseconds, UTC) shortened for the timestamp column:
 * "2025-01-15T12:00:01.123456789Z" → "2025-01-15 12:00:01.123". Anything else is shown as it is.
 */
export function formatLogTimestamp(ts: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(ts);
  if (!match) return ts;
  const [, date, time, fraction, zone] = match;
  const millis = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const suffix = zone && zone !== 'Z' ? ` ${zone}` : '';
  return `${date} ${time}.${millis}${suffix}`;
}
