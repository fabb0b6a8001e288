/** The GPU-related parts of a `docker inspect` result this reads; everything optional. */
export interface InspectForGpus {
  HostConfig?: {
    Runtime?: string;
    DeviceRequests?: { Driver?: string; Count?: number; DeviceIDs?: string[] | null; Capabilities?: string[][] | null }[] | null;
    Devices?: { PathOnHost?: string }[] | null;
  };
  Config?: { Env?: string[] | null };
}

export interface ContainerGpuAssignment {
  /** How the container asked for GPUs; null when it did not. */
  via: 'device-requests' | 'cdi' | 'runtime' | 'devices' | null;
  vendor: 'nvidia' | 'amd' | null;
  /** 'all', specific ids (indexes, UUIDs or CDI names), or a count; null when unknown. */
  devices: 'all' | string[] | { count: number } | null;
}

const VISIBLE_ENV = /^(NVIDIA_VISIBLE_DEVICES|AMD_VISIBLE_DEVICES|ROCR_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|PAI_AMD_VISIBLE_DEVICES)=(.*)$/;

/** Which GPUs a container was started with: device requests (or CDI), a GPU runtime + *_VISIBLE_DEVICES, or /dev/kfd + /dev/dri. Pure. */
export function gpuAssignmentFromInspect(inspect: InspectForGpus): ContainerGpuAssignment {
  const host = inspect.HostConfig ?? {};
  const env = inspect.Config?.Env ?? [];
  for (const request of host.DeviceRequests ?? []) {
    if (request.Driver === 'cdi') {
      const ids = request.DeviceIDs ?? [];
      return { via: 'cdi', vendor: ids.some((id) => id.startsWith('amd.com/')) ? 'amd' : 'nvidia', devices: ids.some((id) => id.endsWith('=all')) ? 'all' : ids };
    }
    const isGpu = (request.Capabilities ?? []).some((set) => set.includes('gpu')) || request.Driver === 'nvidia' || request.Driver === 'amd';
    if (!isGpu) continue;
    const vendor = request.Driver === 'amd' ? 'amd' : 'nvidia';
    if (request.DeviceIDs && request.DeviceIDs.length > 0) return { via: 'device-requests', vendor, devices: [...request.DeviceIDs] };
    return { via: 'device-requests', vendor, devices: request.Count === -1 ? 'all' : { count: request.Count ?? 0 } };
  }
  const runtime = (host.Runtime ?? '').toLowerCase();
  const visible = new Map(env.map((line) => VISIBLE_ENV.exec(line)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!]));
  const runtimeVendor = runtime.includes('nvidia') ? 'nvidia' : runtime.includes('rocm') || runtime.includes('amd') ? 'amd' : null;
  if (runtimeVendor) {
    const list = runtimeVendor === 'nvidia'
      ? visible.get('NVIDIA_VISIBLE_DEVICES')
      : (visible.get('AMD_VISIBLE_DEVICES') ?? visible.get('ROCR_VISIBLE_DEVICES') ?? visible.get('PAI_AMD_VISIBLE_DEVICES'));
    return { via: 'runtime', vendor: runtimeVendor, devices: toDevices(list) };
  }
  const paths = (host.Devices ?? []).map((d) => d.PathOnHost ?? '');
  if (paths.includes('/dev/kfd')) return { via: 'devices', vendor: 'amd', devices: toDevices(visible.get('ROCR_VISIBLE_DEVICES') ?? visible.get('HIP_VISIBLE_DEVICES')) ?? 'all' };
  if (paths.some((p) => /^\/dev\/nvidia\d+$/.test(p))) return { via: 'devices', vendor: 'nvidia', devices: paths.filter((p) => /^\/dev\/nvidia\d+$/.test(p)).map((p) => p.slice('/dev/nvidia'.length)) };
  return { via: null, vendor: null, devices: null };
}

function toDevices(list: string | undefined): ContainerGpuAssignment['devices'] {
  if (list === undefined || list === '' || list === 'void' || list === 'none') return null;
  if (list === 'all') return 'all';
  return list.split(',').map((id) => id.trim()).filter(Boolean);
}
