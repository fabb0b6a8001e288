import type { GpuDevice, GpuPlatform } from '../../../shared/domain/gpu.ts';
import { parseAmdSmiJson } from './amd-smi.ts';
import { parseNvidiaSmiVersion } from './nvidia-csv.ts';
import { parseNvidiaSmiXml, type NvidiaXmlProcess } from './nvidia-xml.ts';
import type { PciVendor } from './pci-scan.ts';
import { nvidiaSmiCandidates } from './platform.ts';
import type { ProbeResult, ProbeRunner } from './probe-runner.ts';
import { parseRocmSmiJson } from './rocm-smi.ts';
import { parseRocminfo } from './rocminfo.ts';
import { parseSystemProfilerDisplays } from './system-profiler.ts';

export const ROCM_SMI_ARGS = [
  '--showproductname', '--showuse', '--showmemuse', '--showmeminfo', 'vram', '--showtemp', '--showpower',
  '--showbus', '--showuniqueid', '--showdriverversion', '--json',
] as const;

export interface DetectionInputs {
  platform: GpuPlatform;
  runner: ProbeRunner;
  /** Display-class PCI vendors seen in sysfs (Linux); empty elsewhere. */
  pciVendors: ReadonlySet<PciVendor>;
  /** WSL2 only: whether /dev/dxg exists. */
  hasDxg: boolean;
}

export interface Detection {
  gpus: GpuDevice[];
  nvidiaProcesses: NvidiaXmlProcess[];
  drivers: { nvidia: string | null; cuda: string | null; rocm: string | null };
  /** The nvidia-smi that answered, for polling; null when none did. */
  nvidiaSmi: string | null;
  /** The AMD tool that answered, for polling. */
  amdTool: 'amd-smi' | 'rocm-smi' | null;
  nothingFound: { reason: string; fix: string } | null;
}

/** Runs the platform's probes (in parallel where independent) and merges what they found. Never throws. */
export async function detectGpus({ platform, runner, pciVendors, hasDxg }: DetectionInputs): Promise<Detection> {
  if (platform === 'darwin') return detectMac(runner);
  const [nvidia, amd] = await Promise.all([detectNvidia(platform, runner), platform === 'linux' ? detectAmd(runner) : Promise.resolve(null)]);
  const gpus = [...(nvidia.report?.gpus ?? []), ...(amd?.gpus ?? [])];
  return {
    gpus,
    nvidiaProcesses: nvidia.report?.processes ?? [],
    drivers: {
      nvidia: nvidia.report?.driverVersion ?? null,
      cuda: nvidia.report?.cudaVersion ?? null,
      rocm: amd?.rocmVersion ?? null,
    },
    nvidiaSmi: nvidia.path,
    amdTool: amd?.tool ?? null,
    nothingFound: gpus.length > 0 ? null : explainNothingFound(platform, nvidia.lastFailure, pciVendors, hasDxg, amd === null),
  };
}

async function detectNvidia(platform: GpuPlatform, runner: ProbeRunner) {
  let lastFailure: ProbeResult | null = null;
  for (const path of nvidiaSmiCandidates(platform)) {
    const result = await runner.run(path, ['-q', '-x'], { timeoutMs: 10_000 });
    if (!result.ok) {
      if (result.outcome !== 'missing' || !lastFailure) lastFailure = result;
      continue;
    }
    const report = parseNvidiaSmiXml(result.stdout);
    if (report.gpus.length === 0) {
      lastFailure = { ...result, ok: false, outcome: 'failed', stderr: 'nvidia-smi -q -x listed no GPU' };
      continue;
    }
    if (!report.cudaVersion) {
      const version = await runner.run(path, ['--version'], { timeoutMs: 5000 });
      const cuda = version.ok ? parseNvidiaSmiVersion(version.stdout).cudaVersion : null;
      if (cuda) {
        report.cudaVersion = cuda;
        for (const gpu of report.gpus) gpu.cudaVersion = cuda;
      }
    }
    if (platform === 'wsl2') for (const gpu of report.gpus) gpu.warnings.push('WSL: the driver is the Windows one');
    return { report, path, lastFailure: null };
  }
  return { report: null, path: null, lastFailure };
}

async function detectAmd(runner: ProbeRunner): Promise<{ gpus: GpuDevice[]; tool: 'amd-smi' | 'rocm-smi'; rocmVersion: string | null } | null> {
  const amdSmi = await runner.run('amd-smi', ['static', '--json'], { timeoutMs: 10_000 });
  let gpus: GpuDevice[] | null = null;
  let tool: 'amd-smi' | 'rocm-smi' = 'amd-smi';
  if (amdSmi.ok) gpus = tryParse(() => parseAmdSmiJson(amdSmi.stdout));
  if (!gpus || gpus.length === 0) {
    const rocmSmi = await runner.run('rocm-smi', ROCM_SMI_ARGS, { timeoutMs: 10_000 });
    if (!rocmSmi.ok) return amdSmi.outcome === 'missing' && rocmSmi.outcome === 'missing' ? null : { gpus: [], tool, rocmVersion: null };
    gpus = tryParse(() => parseRocmSmiJson(rocmSmi.stdout)) ?? [];
    tool = 'rocm-smi';
  }
  if (gpus.length > 0) {
    const info = await runner.run('rocminfo', [], { timeoutMs: 5000 });
    if (info.ok) {
      const { agents, runtimeVersion } = parseRocminfo(info.stdout);
      gpus.forEach((gpu, i) => {
        if (agents[i]) gpu.gfxTarget = agents[i].gfxTarget;
        gpu.rocmVersion = runtimeVersion;
      });
      return { gpus, tool, rocmVersion: runtimeVersion };
    }
  }
  return { gpus, tool, rocmVersion: null };
}

async function detectMac(runner: ProbeRunner): Promise<Detection> {
  const [profile, memsize] = await Promise.all([
    runner.run('system_profiler', ['-json', 'SPDisplaysDataType'], { timeoutMs: 15_000 }),
    runner.run('sysctl', ['-n', 'hw.memsize'], { timeoutMs: 5000 }),
  ]);
  const bytes = memsize.ok ? Number(memsize.stdout.trim()) : null;
  const gpus = profile.ok ? (tryParse(() => parseSystemProfilerDisplays(profile.stdout, Number.isFinite(bytes) ? bytes : null)) ?? []) : [];
  return {
    gpus,
    nvidiaProcesses: [],
    drivers: { nvidia: null, cuda: null, rocm: null },
    nvidiaSmi: null,
    amdTool: null,
    nothingFound: gpus.length > 0 ? null : { reason: 'system_profiler reported no GPU.', fix: 'Nothing to do: containers on a Mac run on CPU.' },
  };
}

function tryParse<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch {
    return null;
  }
}

/** The one specific reason the probes found and the one action that fixes it. */
export function explainNothingFound(
  platform: GpuPlatform,
  nvidiaFailure: ProbeResult | null,
  pciVendors: ReadonlySet<PciVendor>,
  hasDxg: boolean,
  amdToolsMissing: boolean,
): { reason: string; fix: string } {
  const stderr = nvidiaFailure?.stderr ?? '';
  if (/version mismatch/i.test(stderr)) {
    return { reason: 'nvidia-smi reports a driver/library version mismatch (the driver was updated without a reboot).', fix: 'Reboot after the driver update.' };
  }
  if (nvidiaFailure?.outcome === 'timeout' || nvidiaFailure?.exitCode === 15) {
    return { reason: 'The NVIDIA GPU is not responding (fallen off the bus?): nvidia-smi timed out or failed.', fix: 'Check `dmesg` for Xid errors, then reboot the machine.' };
  }
  if (platform === 'wsl2' && !hasDxg) {
    return { reason: 'WSL2 exposes no GPU (/dev/dxg is missing).', fix: 'Update the Windows NVIDIA driver and run `wsl --update`; never install a Linux driver inside WSL.' };
  }
  const driverNotLoaded = nvidiaFailure?.exitCode === 9 || /couldn't communicate with the NVIDIA driver/i.test(stderr);
  if (pciVendors.has('nvidia') && (driverNotLoaded || nvidiaFailure?.outcome === 'missing' || !nvidiaFailure)) {
    return { reason: 'An NVIDIA GPU is on the PCI bus but its driver is not loaded (nvidia-smi missing or failing).', fix: 'Install the NVIDIA driver (e.g. `sudo ubuntu-drivers install`) and reboot.' };
  }
  if (driverNotLoaded) {
    return { reason: 'nvidia-smi cannot communicate with the NVIDIA driver.', fix: 'Install or reload the NVIDIA driver, then reboot.' };
  }
  if (/No devices were found/i.test(stderr)) {
    return { reason: 'nvidia-smi is installed but found no NVIDIA GPU.', fix: 'Check that the GPU is seated and enabled (`lspci | grep -i nvidia`), then reboot.' };
  }
  if (pciVendors.has('amd') && amdToolsMissing) {
    return { reason: 'An AMD GPU is present but neither amd-smi nor rocm-smi is installed.', fix: 'Install ROCm for metrics; containers can still get /dev/kfd and /dev/dri.' };
  }
  if (nvidiaFailure && nvidiaFailure.outcome === 'failed') {
    const line = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${nvidiaFailure.exitCode ?? '?'}`;
    return { reason: `nvidia-smi failed: ${line.trim()}`, fix: 'Run `nvidia-smi` in a terminal to see the problem, fix the driver, then press Refresh.' };
  }
  return {
    reason: 'No NVIDIA or AMD GPU was found (no nvidia-smi, amd-smi or rocm-smi answered and the PCI bus shows none).',
    fix: 'Nothing to do if this machine has no GPU; otherwise install its driver and press Refresh.',
  };
}
