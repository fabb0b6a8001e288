import type { GpuReadiness } from '../../../shared/domain/gpu.ts';

interface KnownStartError {
  pattern: RegExp;
  reason: string;
  fix: string;
}

/** Engine messages that mean "this engine cannot hand GPUs to containers", with the fix for each. */
const KNOWN: readonly KnownStartError[] = [
  {
    pattern: /could not select device driver "cdi"/i,
    reason: 'The engine has CDI turned off, so it cannot resolve CDI device names.',
    fix: 'Turn CDI on ("features": {"cdi": true} in daemon.json, default from Docker 28.2) and run `sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`.',
  },
  {
    pattern: /could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]/i,
    reason: 'The engine has no GPU device driver: the NVIDIA Container Toolkit is not installed or Docker was not restarted after installing it.',
    fix: 'Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker.',
  },
  {
    pattern: /nvidia-container-cli: initialization error/i,
    reason: 'The NVIDIA container runtime could not talk to the driver on the host.',
    fix: 'Check that `nvidia-smi` works on the host (reboot after a driver update), then restart Docker.',
  },
  {
    pattern: /unknown or invalid runtime name: nvidia/i,
    reason: 'The engine does not know the nvidia runtime.',
    fix: 'Run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker.',
  },
  {
    pattern: /unresolvable CDI devices/i,
    reason: 'The engine has no CDI spec for the requested GPUs.',
    fix: 'Run `sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` (NVIDIA Container Toolkit 1.18+ does it automatically), then test again.',
  },
];

/** Maps an engine error about a GPU request to `toolkit_missing` with its fix; null when the message is not a known GPU failure. */
export function mapGpuStartError(message: string, cdiDevices: string[] = []): GpuReadiness | null {
  const known = KNOWN.find((k) => k.pattern.test(message));
  return known ? { state: 'toolkit_missing', reason: known.reason, fix: known.fix, cdiDevices } : null;
}
