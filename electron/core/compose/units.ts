const DURATION_UNITS_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration as compose writes them ("30s", "1m30s", "1.5h", "500ms") in nanoseconds; null when malformed. */
export function parseDurationNs(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text * 1e9) : null;
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  if (trimmed.length === 0) return null;
  while (index < trimmed.length) {
    part.lastIndex = index;
    const match = part.exec(trimmed);
    if (!match) return null;
    total += Number(match[1]) * DURATION_UNITS_NS[match[2]];
    index = part.lastIndex;
  }
  return Math.round(total);
}
