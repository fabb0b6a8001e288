import type { GpuReadiness } from '../../../shared/domain/gpu.ts';
import type { GpuRequest } from '../../../shared/domain/gpu-request.ts';

/** Engine API `HostConfig.DeviceRequests[]` item, field for field. */
export interface DockerDeviceRequest {
  Driver: string;
  Count: number;
  /** Absent unless specific devices are asked for (docker/cli sends null, the same to the daemon). */
  DeviceIDs?: string[];
  Capabilities?: string[][];
  Options: Record<string, string>;
}

/** What the decision needs from the readiness: CDI is used only when the engine is ready for it. */
export type DeviceRequestReadiness = Pick<GpuReadiness, 'state' | 'cdiDevices'>;

const CDI_VENDOR_PREFIX = 'nvidia.com/gpu=';

/**
 * Turns a GPU request into Docker device requests exactly as docker/cli `opts/gpus.go` builds
 * them for `--gpus` (all → Count -1, a count, or device ids, always with Capabilities [["gpu"]]),
 * or into one CDI request (`{Driver: 'cdi', DeviceIDs: ['nvidia.com/gpu=…']}`) when the engine
 * is `ready_cdi`. `none` gives an empty list.
 */
export function toDeviceRequests(request: GpuRequest, readiness: DeviceRequestReadiness): DockerDeviceRequest[] {
  if (request.mode === 'none') return [];
  if (readiness.state === 'ready_cdi') return [cdiRequest(cdiDeviceIds(request, readiness.cdiDevices))];
  switch (request.mode) {
    case 'all':
      return [{ Driver: '', Count: -1, Capabilities: [['gpu']], Options: {} }];
    case 'count':
      return [{ Driver: '', Count: request.count, Capabilities: [['gpu']], Options: {} }];
    case 'devices':
      return [{ Driver: '', Count: 0, DeviceIDs: [...request.deviceIds], Capabilities: [['gpu']], Options: {} }];
  }
}

function cdiRequest(deviceIds: string[]): DockerDeviceRequest {
  return { Driver: 'cdi', Count: 0, DeviceIDs: deviceIds, Options: {} };
}

/** CDI has no "count": a count takes the first discovered per-GPU names (never `=all`). */
function cdiDeviceIds(request: Exclude<GpuRequest, { mode: 'none' }>, discovered: readonly string[]): string[] {
  switch (request.mode) {
    case 'all':
      return [`${CDI_VENDOR_PREFIX}all`];
    case 'count': {
      const perGpu = discovered.filter((name) => name.startsWith(CDI_VENDOR_PREFIX) && !name.endsWith('=all'));
      const chosen = perGpu.length >= request.count ? perGpu.slice(0, request.count) : indexNames(request.count);
      return chosen;
    }
    case 'devices':
      return request.deviceIds.map(toCdiName);
  }
}

function indexNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${CDI_VENDOR_PREFIX}${i}`);
}

/** "0", "GPU-…", "0:1" (MIG) → "nvidia.com/gpu=…"; a name that is already qualified stays. */
export function toCdiName(deviceId: string): string {
  return deviceId.includes('=') ? deviceId : `${CDI_VENDOR_PREFIX}${deviceId}`;
}
