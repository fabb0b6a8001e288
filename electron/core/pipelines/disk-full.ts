import { rm, statfs } from 'node:fs/promises';

/** Below this many free bytes on the filesystem of a step's folder, an attempt's trouble is the full disk. */
export const DISK_FULL_BYTES = 256 * 1024;

/** Free bytes for an unprivileged writer on the filesystem that holds `path` (null when it cannot be asked). */
export async function freeBytes(path: string): Promise<number | null> {
  try {
    const info = await statfs(path);
    return Number(info.bavail) * Number(info.bsize);
  } catch {
    return null;
  }
}

/** The words of a disk-full failure: which folder, how much is free, what to do. */
export function diskFullReason(folder: string, free: number | null): string {
  return `disk full: ${folder} has no space left${free === null ? '' : ` (${free} bytes free on its filesystem)`}; free space there, then re-run`;
}

export function isNoSpaceError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || /ENOSPC|no space left on device/i.test(error instanceof Error ? error.message : String(error));
}

/** Removes what a disk-full attempt half-wrote (its artifact folders): nothing partial stays to be registered or reused. */
export async function removePartial(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
