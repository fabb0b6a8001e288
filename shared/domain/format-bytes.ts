/**
 * How sizes are written: `decimal` (kB, MB, GB: powers of 1000, as `docker system df`, `docker images`
 * and disk vendors print them) or `binary` (KiB, MiB, GiB: powers of 1024, as memory limits and
 * `docker stats` are).
 */
export type ByteUnits = 'decimal' | 'binary';

const DECIMAL_UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * A size for people. `decimal` (the default): 1536 → "1.5 kB", unknown → "—". `binary`: 1536 →
 * "1.5 KiB" with three significant digits at most, zero or unknown → "0 B" (live stats start at 0).
 */
export function formatBytes(bytes: number | null | undefined, units: ByteUnits = 'decimal'): string {
  return units === 'binary' ? formatBinary(bytes) : formatDecimal(bytes);
}

function formatDecimal(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${Math.max(0, Math.round(bytes))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${DECIMAL_UNITS[unit]}`;
}

function formatBinary(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}
