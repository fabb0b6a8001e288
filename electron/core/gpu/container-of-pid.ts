import { readFile } from 'node:fs/promises';

/**
 * The container id a /proc/<pid>/cgroup file names, for cgroup v1 and v2 and the usual managers:
 * `0::/system.slice/docker-<id>.scope` (systemd driver), `…:/docker/<id>` (cgroupfs driver),
 * `…/cri-containerd-<id>.scope`, `…/libpod-<id>.scope` (podman), `/kubepods/…/<id>`. Pure.
 */
const PATTERNS: readonly RegExp[] = [
  /(?:docker|cri-containerd|crio|libpod|containerd)-([0-9a-f]{64})\.scope/,
  /\/(?:docker|libpod|containerd|moby)\/([0-9a-f]{64})(?:\/|$)/,
  /\/kubepods[^\n]*\/([0-9a-f]{64})(?:\/|$)/,
];

export function containerIdFromCgroup(cgroupText: string): string | null {
  for (const line of cgroupText.split('\n')) {
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    for (const pattern of PATTERNS) {
      const match = pattern.exec(path);
      if (match) return match[1]!;
    }
  }
  return null;
}

/** Reads /proc/<pid>/cgroup; null when the process is gone, unreadable, or not in a container. */
export async function containerIdOfPid(pid: number, procRoot = '/proc'): Promise<string | null> {
  try {
    return containerIdFromCgroup(await readFile(`${procRoot}/${pid}/cgroup`, 'utf8'));
  } catch {
    return null;
  }
}
