import type { GpuDevice, MigDevice } from '../../../shared/domain/gpu.ts';
import { normaliseBusId } from './bus-id.ts';
import { child, childrenNamed, childText, parseXml, type XmlElement } from './xml-reader.ts';
import { integerOrNull, numberOrNull, textOrNull } from './values.ts';

export interface NvidiaXmlProcess {
  /** The id of the GPU record the process runs on. */
  gpuId: string;
  gpuUuid: string | null;
  pid: number;
  type: string | null;
  name: string;
  usedMemoryMiB: number | null;
  gpuInstanceId: number | null;
  computeInstanceId: number | null;
}

export interface NvidiaXmlReport {
  driverVersion: string | null;
  cudaVersion: string | null;
  /** `attached_gpus`: may exceed gpus.length on trimmed captures. */
  attachedGpus: number | null;
  gpus: GpuDevice[];
  processes: NvidiaXmlProcess[];
  /** Something in the document had an unexpected shape; what was readable is kept. */
  partial: boolean;
}

/** Parses `nvidia-smi -q -x`. Never throws: a document without `<nvidia_smi_log>` gives no GPUs and `partial`. */
export function parseNvidiaSmiXml(xml: string, now: number = Date.now()): NvidiaXmlReport {
  const log = child(parseXml(xml), 'nvidia_smi_log');
  if (!log) return { driverVersion: null, cudaVersion: null, attachedGpus: null, gpus: [], processes: [], partial: true };
  const driverVersion = textOrNull(childText(log, 'driver_version'));
  const cudaVersion = textOrNull(childText(log, 'cuda_version'));
  const gpus: GpuDevice[] = [];
  const processes: NvidiaXmlProcess[] = [];
  const seenIds = new Set<string>();
  let partial = false;

  for (const [position, gpu] of childrenNamed(log, 'gpu').entries()) {
    const record = readGpu(gpu, position, driverVersion, cudaVersion, now, seenIds);
    if (!record) {
      partial = true;
      continue;
    }
    seenIds.add(record.id);
    gpus.push(record);
    for (const info of childrenNamed(child(gpu, 'processes'), 'process_info')) {
      const pid = integerOrNull(childText(info, 'pid'));
      if (pid === null) continue;
      processes.push({
        gpuId: record.id,
        gpuUuid: record.uuid,
        pid,
        type: textOrNull(childText(info, 'type')),
        name: textOrNull(childText(info, 'process_name')) ?? '',
        usedMemoryMiB: numberOrNull(childText(info, 'used_memory')),
        gpuInstanceId: integerOrNull(childText(info, 'gpu_instance_id')),
        computeInstanceId: integerOrNull(childText(info, 'compute_instance_id')),
      });
    }
  }
  return { driverVersion, cudaVersion, attachedGpus: integerOrNull(childText(log, 'attached_gpus')), gpus, processes, partial };
}

function readGpu(gpu: XmlElement, position: number, driverVersion: string | null, cudaVersion: string | null, now: number, seenIds: Set<string>): GpuDevice | null {
  const name = textOrNull(childText(gpu, 'product_name'));
  const uuid = textOrNull(childText(gpu, 'uuid'));
  const pciBusId = normaliseBusId(childText(gpu, 'pci', 'pci_bus_id') ?? gpu.attributes.id);
  if (!name && !uuid && !pciBusId) return null;
  // Masked captures repeat UUIDs: key on the UUID, fall back to the bus id when taken.
  const byUuid = uuid ? `nvidia:${uuid}` : null;
  const byBus = pciBusId ? `nvidia:pci:${pciBusId}` : null;
  const id = byUuid && !seenIds.has(byUuid) ? byUuid : (byBus ?? `nvidia:#${seenIds.size}`);

  const migEnabled = textOrNull(childText(gpu, 'mig_mode', 'current_mig'));
  const migDevices = childrenNamed(child(gpu, 'mig_devices'), 'mig_device').map(readMigDevice);
  const warnings: string[] = [];
  if (migEnabled === 'Enabled') warnings.push('MIG enabled: utilisation not reported');
  if (uuid && byUuid !== id) warnings.push('Duplicate UUID in the report (masked capture?): keyed on the PCI bus id');

  return {
    id,
    vendor: 'nvidia',
    // Windows prints minor_number N/A: document order is the best index left.
    index: integerOrNull(childText(gpu, 'minor_number')) ?? position,
    uuid,
    pciBusId,
    name: name ?? 'NVIDIA GPU',
    architecture: textOrNull(childText(gpu, 'product_architecture')),
    computeCapability: null,
    gfxTarget: null,
    memoryTotalMiB: numberOrNull(childText(gpu, 'fb_memory_usage', 'total')),
    unifiedMemory: false,
    driverVersion,
    cudaVersion,
    rocmVersion: null,
    metal: null,
    mig: migEnabled === null ? null : { enabled: migEnabled === 'Enabled', devices: migDevices },
    live: {
      ts: now,
      utilPct: numberOrNull(childText(gpu, 'utilization', 'gpu_util')),
      memUtilPct: numberOrNull(childText(gpu, 'utilization', 'memory_util')),
      memUsedMiB: numberOrNull(childText(gpu, 'fb_memory_usage', 'used')),
      tempC: numberOrNull(childText(gpu, 'temperature', 'gpu_temp')),
      powerW: readPower(gpu),
      powerLimitW: readPowerLimit(gpu),
    },
    source: 'nvidia-smi-xml',
    warnings,
  };
}

/** power_draw (535+) → instant → average (570+) → legacy power_readings/power_draw (≤525). */
function readPower(gpu: XmlElement): number | null {
  const modern = child(gpu, 'gpu_power_readings');
  return (
    numberOrNull(childText(modern, 'power_draw')) ??
    numberOrNull(childText(modern, 'instant_power_draw')) ??
    numberOrNull(childText(modern, 'average_power_draw')) ??
    numberOrNull(childText(gpu, 'power_readings', 'power_draw'))
  );
}

function readPowerLimit(gpu: XmlElement): number | null {
  const modern = child(gpu, 'gpu_power_readings');
  const legacy = child(gpu, 'power_readings');
  return (
    numberOrNull(childText(modern, 'current_power_limit')) ??
    numberOrNull(childText(modern, 'power_limit')) ??
    numberOrNull(childText(legacy, 'power_limit')) ??
    numberOrNull(childText(legacy, 'enforced_power_limit'))
  );
}

function readMigDevice(mig: XmlElement): MigDevice {
  return {
    uuid: textOrNull(childText(mig, 'uuid')),
    index: integerOrNull(childText(mig, 'index')),
    gpuInstanceId: integerOrNull(childText(mig, 'gpu_instance_id')),
    computeInstanceId: integerOrNull(childText(mig, 'compute_instance_id')),
    profile: textOrNull(childText(mig, 'profile')) ?? null,
    memoryTotalMiB: numberOrNull(childText(mig, 'fb_memory_usage', 'total')),
    memoryUsedMiB: numberOrNull(childText(mig, 'fb_memory_usage', 'used')),
  };
}
