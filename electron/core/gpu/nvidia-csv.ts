import type { GpuSample } from '../../../shared/domain/gpu.ts';
import { normaliseBusId } from './bus-id.ts';
import { integerOrNull, numberOrNull, textOrNull } from './values.ts';

/** The polling query's fields, in order. `power.draw` is optional: old drivers may reject it. */
export const QUERY_GPU_FIELDS = [
  'index',
  'uuid',
  'pci.bus_id',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'power.limit',
] as const;
export const QUERY_GPU_FIELDS_MINIMAL = QUERY_GPU_FIELDS.filter((f) => f !== 'power.draw');
export const QUERY_COMPUTE_APPS_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_gpu_memory'] as const;

export interface NvidiaCsvRow {
  index: number | null;
  uuid: string | null;
  pciBusId: string | null;
  sample: Omit<GpuSample, 'gpuId'>;
}

/** Cells are separated by ", " and never quoted; a trailing "\r" (Windows) is dropped. */
export function splitCsvLine(line: string): string[] {
  return line.replace(/\r$/, '').split(', ');
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/**
 * Parses `--query-gpu=<fields> --format=csv,noheader,nounits`. `fields` names the columns asked
 * for; unknown or missing columns read as null. Rows with a different cell count are skipped.
 */
export function parseQueryGpuCsv(text: string, fields: readonly string[] = QUERY_GPU_FIELDS, now: number = Date.now()): NvidiaCsvRow[] {
  const rows: NvidiaCsvRow[] = [];
  for (const line of lines(text)) {
    const cells = splitCsvLine(line);
    if (cells.length !== fields.length) continue;
    const cell = (name: string): string | undefined => {
      const at = fields.indexOf(name);
      return at === -1 ? undefined : cells[at];
    };
    rows.push({
      index: integerOrNull(cell('index')),
      uuid: textOrNull(cell('uuid')),
      pciBusId: normaliseBusId(cell('pci.bus_id')),
      sample: {
        ts: now,
        utilPct: numberOrNull(cell('utilization.gpu')),
        memUtilPct: numberOrNull(cell('utilization.memory')),
        memUsedMiB: numberOrNull(cell('memory.used')),
        memTotalMiB: numberOrNull(cell('memory.total')),
        tempC: numberOrNull(cell('temperature.gpu')),
        powerW: numberOrNull(cell('power.draw')) ?? numberOrNull(cell('power.draw.instant')) ?? numberOrNull(cell('power.draw.average')),
        powerLimitW: numberOrNull(cell('power.limit')),
      },
    });
  }
  return rows;
}

export interface NvidiaComputeApp {
  gpuUuid: string | null;
  pid: number;
  name: string;
  usedMemoryMiB: number | null;
}

/**
 * Parses `--query-compute-apps=<fields>`; by default the four fields of QUERY_COMPUTE_APPS_FIELDS
 * (`--format=csv,noheader,nounits`). A process name may itself contain ", ": extra cells are
 * joined back into it.
 */
export function parseComputeAppsCsv(text: string, fields: readonly string[] = QUERY_COMPUTE_APPS_FIELDS): NvidiaComputeApp[] {
  const apps: NvidiaComputeApp[] = [];
  const at = (name: string) => fields.indexOf(name);
  const nameAt = at('process_name');
  for (const line of lines(text)) {
    if (/^\s*No running (compute )?processes found/i.test(line)) continue;
    let cells = splitCsvLine(line);
    if (cells.length < fields.length) continue;
    if (cells.length > fields.length && nameAt !== -1) {
      const extra = cells.length - fields.length;
      cells = [...cells.slice(0, nameAt), cells.slice(nameAt, nameAt + extra + 1).join(', '), ...cells.slice(nameAt + extra + 1)];
    }
    const pid = integerOrNull(cells[at('pid')]);
    if (pid === null) continue;
    apps.push({
      gpuUuid: textOrNull(cells[at('gpu_uuid')]),
      pid,
      name: nameAt === -1 ? '' : (cells[nameAt] ?? '').trim(),
      usedMemoryMiB: numberOrNull(cells[at('used_gpu_memory')]),
    });
  }
  return apps;
}

/** `--format=csv` (with header): the field names (units such as " [MiB]" dropped) and the rows after it. */
export function splitCsvHeader(text: string): { fields: string[]; body: string } {
  const newline = text.indexOf('\n');
  const header = newline === -1 ? text : text.slice(0, newline);
  return {
    fields: splitCsvLine(header).map((name) => name.replace(/\s*\[[^\]]*\]\s*$/, '').trim()),
    body: newline === -1 ? '' : text.slice(newline + 1),
  };
}

export interface NvidiaSmiVersion {
  smiVersion: string | null;
  driverVersion: string | null;
  cudaVersion: string | null;
}

/** Parses `nvidia-smi --version` ("NVIDIA-SMI version  : 580.159.04", "CUDA Version : 13.0", …). */
export function parseNvidiaSmiVersion(text: string): NvidiaSmiVersion {
  const read = (label: RegExp): string | null => {
    const match = label.exec(text);
    return match ? textOrNull(match[1]) : null;
  };
  return {
    smiVersion: read(/^\s*NVIDIA-SMI version\s*:\s*(.+?)\s*$/im),
    driverVersion: read(/^\s*DRIVER version\s*:\s*(.+?)\s*$/im),
    cudaVersion: read(/^\s*CUDA Version\s*:\s*(.+?)\s*$/im),
  };
}
