import { access, readFile } from 'node:fs/promises';
import type { GpuPlatform } from '../../../shared/domain/gpu.ts';

export interface PlatformSeams {
  platform?: NodeJS.Platform;
  exists?: (path: string) => Promise<boolean>;
  readText?: (path: string) => Promise<string | null>;
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** linux, wsl2 (`/dev/dxg` exists or /proc/version names Microsoft/WSL), win32, darwin. */
export async function detectPlatform(seams: PlatformSeams = {}): Promise<GpuPlatform> {
  const platform = seams.platform ?? process.platform;
  if (platform === 'win32' || platform === 'darwin') return platform;
  if (platform !== 'linux') return 'other';
  const exists = seams.exists ?? pathExists;
  const readText = seams.readText ?? readTextOrNull;
  if (await exists('/dev/dxg')) return 'wsl2';
  const version = await readText('/proc/version');
  return version && /microsoft|wsl/i.test(version) ? 'wsl2' : 'linux';
}

/**
 * Where nvidia-smi may live, in the order to try: PATH first on Linux; on WSL2 the
 * Windows driver's copy too (a distro package can shadow it with a broken one); on Windows the
 * DCH System32 copy, then DriverStore copies (newest first), then the old NVSMI folder.
 */
export function nvidiaSmiCandidates(platform: GpuPlatform, driverStoreCopies: readonly string[] = []): string[] {
  switch (platform) {
    case 'wsl2':
      return ['nvidia-smi', '/usr/lib/wsl/lib/nvidia-smi'];
    case 'win32':
      return [
        'C:\\Windows\\System32\\nvidia-smi.exe',
        ...driverStoreCopies,
        'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe',
        'nvidia-smi.exe',
      ];
    case 'darwin':
      return [];
    default:
      return ['nvidia-smi'];
  }
}
