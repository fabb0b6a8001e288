import type { ComposeDeviceRequest } from '../../../shared/domain/compose-model.ts';

/** A service's GPU reservation in words for the Stacks page: "all GPUs", "2 GPUs", "GPUs 0, 1", "CDI nvidia.com/gpu=all". */
export function describeGpuReservation(requests: readonly ComposeDeviceRequest[]): string | undefined {
  const gpu = requests.filter((r) => r.Driver === 'cdi' || r.Capabilities.some((set) => set.includes('gpu')));
  if (gpu.length === 0) return undefined;
  return gpu
    .map((r) => {
      if (r.Driver === 'cdi') return `CDI ${r.DeviceIDs.join(', ')}`;
      const driver = r.Driver && r.Driver !== 'nvidia' ? ` (${r.Driver})` : '';
      if (r.DeviceIDs.length > 0) return `GPU${r.DeviceIDs.length === 1 ? '' : 's'} ${r.DeviceIDs.join(', ')}${driver}`;
      if (r.Count < 0) return `all GPUs${driver}`;
      return `${r.Count} GPU${r.Count === 1 ? '' : 's'}${driver}`;
    })
    .join('; ');
}
