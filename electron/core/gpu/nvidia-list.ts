/** One line of `nvidia-smi -L`: a GPU, or a MIG slice under the GPU listed before it. */
export interface NvidiaListedDevice {
  kind: 'gpu' | 'mig';
  index: number;
  name: string;
  uuid: string | null;
  /** For a MIG slice: the index of the GPU it belongs to. */
  parentIndex: number | null;
}

const GPU_LINE = /^GPU (\d+): (.+?) \(UUID: ([^)]+)\)\s*$/;
const MIG_LINE = /^\s+MIG (\S+)\s+Device\s+(\d+): \(UUID: ([^)]+)\)\s*$/;

/** Parses `nvidia-smi -L` (`GPU 0: NVIDIA H100 … (UUID: GPU-…)`, `  MIG 3g.40gb Device 0: (UUID: MIG-…)`). */
export function parseNvidiaSmiList(text: string): NvidiaListedDevice[] {
  const devices: NvidiaListedDevice[] = [];
  let parent: number | null = null;
  for (const line of text.split('\n')) {
    const gpu = GPU_LINE.exec(line);
    if (gpu) {
      parent = Number(gpu[1]);
      devices.push({ kind: 'gpu', index: parent, name: gpu[2]!, uuid: gpu[3]!, parentIndex: null });
      continue;
    }
    const mig = MIG_LINE.exec(line);
    if (mig) devices.push({ kind: 'mig', index: Number(mig[2]), name: mig[1]!, uuid: mig[3]!, parentIndex: parent });
  }
  return devices;
}
