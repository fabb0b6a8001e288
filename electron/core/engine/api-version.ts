/** The newest Engine API version this code is written against. */
export const MAX_SUPPORTED_API_VERSION = '1.47';
/** The oldest Engine API version we accept (Docker 19.03; Podman reports 1.40 or later). */
export const MIN_SUPPORTED_API_VERSION = '1.40';

/** Compares "1.41" style versions numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareApiVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The version we talk: the lower of the server's and ours, never above the server's. */
export function negotiateApiVersion(serverApiVersion: string, ours: string = MAX_SUPPORTED_API_VERSION): string {
  return compareApiVersions(serverApiVersion, ours) < 0 ? serverApiVersion : ours;
}
