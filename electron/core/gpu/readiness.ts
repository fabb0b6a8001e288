import type { GpuDevice, GpuPlatform, GpuReadiness } from '../../../shared/domain/gpu.ts';

/** The fields of Engine API `GET /info` (SystemInfo) the decision reads; all optional. */
export interface EngineInfo {
  ID?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  KernelVersion?: string;
  DefaultRuntime?: string;
  Runtimes?: Record<string, { path?: string; status?: Record<string, string> } | undefined>;
  CDISpecDirs?: string[] | null;
  DiscoveredDevices?: { Source?: string; ID?: string }[] | null;
}

export interface ReadinessInputs {
  /** null when `/_ping` failed. */
  info: EngineInfo | null;
  /** The daemon is reached over tcp/ssh or a remote context: the local GPU means nothing there. */
  remoteEngine: boolean;
  platform: GpuPlatform;
  gpus: readonly GpuDevice[];
  /** A real start with a GPU request succeeded on this daemon + driver. */
  verified: boolean;
}

const TOOLKIT_FIX =
  'Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker.';

/**
 * Whether containers on this engine can get the GPUs. Pure. A `nvidia` entry in
 * `Runtimes` alone proves nothing (Docker Desktop lists it with or without a GPU): it counts only
 * together with an NVIDIA GPU seen on this host.
 */
export function decideReadiness({ info, remoteEngine, platform, gpus, verified }: ReadinessInputs): GpuReadiness {
  const cdiDevices = (info?.DiscoveredDevices ?? [])
    .filter((d) => (d.Source ?? 'cdi') === 'cdi' && typeof d.ID === 'string')
    .map((d) => d.ID!);
  const result = (state: GpuReadiness['state'], reason: string, fix: string | null): GpuReadiness => ({ state, reason, fix, cdiDevices });

  if (!info) return result('docker_unavailable', 'The Docker engine does not answer.', 'Start Docker (or Docker Desktop), then press Retry.');
  if (platform === 'darwin') {
    return result('unsupported', 'Docker on macOS runs containers in a VM without GPU passthrough.', 'Run GPU work natively (Metal), or use a Linux or Windows machine with an NVIDIA GPU.');
  }
  if (remoteEngine) {
    return result('unsupported', 'The engine is remote: the GPUs of this machine are not the ones its containers would get.', 'Run Benchtop on the engine’s host (or its web host) to use that machine’s GPUs.');
  }
  const nvidia = gpus.filter((g) => g.vendor === 'nvidia');
  const amd = gpus.filter((g) => g.vendor === 'amd');
  if (nvidia.length === 0 && amd.length === 0) {
    return gpus.length === 0
      ? result('no_gpu', 'No GPU was detected on this machine.', null)
      : result('no_gpu', `Only ${gpus.map((g) => g.name).join(', ')} found: Docker GPU requests need an NVIDIA or AMD GPU.`, null);
  }
  const cdiEnabled = (info.CDISpecDirs ?? []).length > 0;
  const hasCdi = (prefix: string) => cdiEnabled && cdiDevices.some((id) => id.startsWith(prefix));

  if (nvidia.length > 0) {
    if (verified) return result('verified', 'A test container started with the GPUs on this engine.', null);
    if (hasCdi('nvidia.com/gpu=')) return result('ready_cdi', 'The engine discovered NVIDIA CDI devices: containers get GPUs through CDI.', null);
    const desktop = /docker desktop/i.test(info.OperatingSystem ?? '') || /microsoft|wsl/i.test(info.KernelVersion ?? '');
    const runtimes = info.Runtimes ?? {};
    if (desktop && (platform === 'wsl2' || platform === 'win32')) {
      return result('likely_gpus', 'Docker Desktop (WSL2) with an NVIDIA GPU visible on the host: `--gpus` should work.', 'Press Test GPU to make sure.');
    }
    if (!desktop && (runtimes.nvidia !== undefined || info.DefaultRuntime === 'nvidia')) {
      return result('likely_gpus', 'The engine has the nvidia runtime and an NVIDIA GPU is present.', 'Press Test GPU to make sure.');
    }
    if (desktop) {
      return result('toolkit_missing', 'Docker Desktop gives containers a GPU only on Windows with the WSL2 backend.', 'Use Docker Desktop on Windows with the WSL2 backend and a current NVIDIA driver.');
    }
    return result('toolkit_missing', 'An NVIDIA GPU is present but the engine shows no NVIDIA container runtime or CDI devices.', TOOLKIT_FIX);
  }
  if (hasCdi('amd.com/gpu=')) return result('ready_cdi', 'The engine discovered AMD CDI devices: containers get GPUs through CDI.', null);
  if (verified) return result('verified', 'A test container started with the GPUs on this engine.', null);
  return result('likely_gpus', 'AMD GPU present: containers get it through /dev/kfd and /dev/dri.', 'Press Test GPU to make sure.');
}
