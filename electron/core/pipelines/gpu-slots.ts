import { createGpuAllocator, type GpuAllocator } from '../gpu/allocator.ts';
import type { DeviceRequestReadiness } from '../gpu/device-requests.ts';

/** The machine's GPUs as pipeline steps get them: specific device ids, never shared between steps. */
export interface GpuSlots {
  allocator: GpuAllocator;
  size: number;
  readiness: DeviceRequestReadiness;
}

/** What the GPU service tells the pipelines: the device ids a container can be given, and how. */
export type GpuPoolSource = () => Promise<{ deviceIds: string[]; readiness: DeviceRequestReadiness }>;

export function createGpuSlots(deviceIds: readonly string[], readiness: DeviceRequestReadiness): GpuSlots {
  return { allocator: createGpuAllocator(deviceIds), size: new Set(deviceIds).size, readiness };
}
