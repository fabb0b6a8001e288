const BINARY_FACTORS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * A size as docker reads it (`docker run -m`, `--shm-size`, compose's `mem_limit`, `shm_size`,
 * tmpfs `size`): "64m", "2gb", "1.5GiB", "1024", or a number of bytes. Units are binary whatever
 * their spelling (k = KiB). Null when malformed. (Pipeline files read Kubernetes quantities
 * instead: `quantityBytes` in shared/pipeline/units.ts.)
 */
export function parseDockerBytes(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?\s*$/i.exec(value);
  if (!match) return null;
  return Math.round(Number(match[1]) * BINARY_FACTORS[match[2].toLowerCase()]);
}
