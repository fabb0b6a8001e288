const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "1h30m" → 5_400_000. The format was checked by the schema. */
export function durationMs(text: string): number {
  let total = 0;
  for (const match of text.matchAll(DURATION_PART)) total += Number(match[1]) * UNIT_MS[match[2]];
  return Math.round(total);
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3, ti: 1024 ** 4 };

/**
 * A size in bytes: a number is bytes; "512m" and "2g" follow docker (binary), "1Gi" and "1G" follow
 * Kubernetes ("G" decimal, "Gi" binary). docker's lowercase m/g are binary, as `docker run -m 32m`.
 */
export function quantityBytes(value: number | string): number {
  if (typeof value === 'number') return Math.round(value);
  const match = /^(\d+(?:\.\d+)?)([kKmMgGtT]i?)?[bB]?$/.exec(value);
  if (!match) return Number.NaN;
  const unit = match[2] ?? '';
  const isDockerStyle = unit.length === 1 && unit === unit.toLowerCase();
  const factor = isDockerStyle ? SIZE_UNITS[`${unit}i`] : SIZE_UNITS[unit.toLowerCase()];
  return Math.round(Number(match[1]) * factor);
}
