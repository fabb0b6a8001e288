import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseComputeAppsCsv,
  parseNvidiaSmiVersion,
  parseQueryGpuCsv,
  QUERY_COMPUTE_APPS_FIELDS,
  QUERY_GPU_FIELDS,
  splitCsvHeader,
} from './nvidia-csv.ts';
import { parseNvidiaSmiList } from './nvidia-list.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/fixtures/gpu');
const H200 = join(import.meta.dirname, 'fixtures/nvidia-smi_driver-580.159.04_h200');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

/** The nvidia_gpu_exporter captures hold sections headed `# <state> :: <what>`, then `# $ <cmd>`, then a rule. */
function section(capture: string, heading: string): string {
  const start = capture.indexOf(`# ${heading}\n`);
  if (start === -1) throw new Error(`no section ${heading}`);
  const body = capture.slice(start).split('\n').slice(3);
  const end = body.findIndex((line) => /^# \S+ :: /.test(line));
  return body.slice(0, end === -1 ? undefined : end).join('\n');
}

const H200_CSV_FIELDS = [
  'index', 'uuid', 'name', 'pci.bus_id', 'memory.total', 'memory.used', 'memory.free', 'memory.reserved', 'utilization.gpu',
  'utilization.memory', 'temperature.gpu', 'power.draw', 'power.draw.average', 'power.draw.instant', 'power.limit',
  'driver_version', 'compute_cap', 'fan.speed', 'pstate', 'mig.mode.current', 'driver_model.current', 'count',
];

describe('nvidia-smi CSV', () => {
  it('parses our H200 polling capture (noheader, nounits)', () => {
    const rows = parseQueryGpuCsv(read(H200, 'query-gpu_noheader_nounits.csv'), H200_CSV_FIELDS, 5);
    expect(rows).toEqual([
      {
        index: 0,
        uuid: 'GPU-928c1689-c9bd-7365-08f5-aac6a36da451',
        pciBusId: '00000000:00:06.0',
        sample: { ts: 5, utilPct: 0, memUtilPct: 0, memUsedMiB: 2667, memTotalMiB: 143771, tempC: 40, powerW: 126.59, powerLimitW: 700 },
      },
    ]);
  });

  it('parses the exact polling queries Benchtop ran on a second real H200', () => {
    const dir = join(import.meta.dirname, 'fixtures/benchtop-poll_driver-580.159.04_h200');
    expect(parseQueryGpuCsv(read(dir, 'benchtop-query-gpu_noheader_nounits.csv'), QUERY_GPU_FIELDS, 7)).toEqual([
      {
        index: 0,
        uuid: 'GPU-dc8b54e7-8cae-343e-f281-3701983156c6',
        pciBusId: '00000000:00:06.0',
        sample: { ts: 7, utilPct: 0, memUtilPct: 0, memUsedMiB: 2667, memTotalMiB: 143771, tempC: 36, powerW: 121.24, powerLimitW: 700 },
      },
    ]);
    expect(parseComputeAppsCsv(read(dir, 'benchtop-query-compute-apps_noheader_nounits.csv'))).toEqual([
      { gpuUuid: 'GPU-dc8b54e7-8cae-343e-f281-3701983156c6', pid: 432, name: 'python3', usedMemoryMiB: 2658 },
    ]);
  });

  it('parses the same query with header and units', () => {
    const { fields, body } = splitCsvHeader(read(H200, 'query_with_header_units.csv'));
    expect(fields).toEqual(H200_CSV_FIELDS);
    const [row] = parseQueryGpuCsv(body, fields, 5);
    expect(row?.sample).toMatchObject({ memUsedMiB: 2667, memTotalMiB: 143771, powerW: 126.57, powerLimitW: 700, utilPct: 0, tempC: 40 });
  });

  it('parses our H200 compute-apps capture', () => {
    expect(parseComputeAppsCsv(read(H200, 'query-compute-apps_noheader_nounits.csv'))).toEqual([
      { gpuUuid: 'GPU-928c1689-c9bd-7365-08f5-aac6a36da451', pid: 441, name: 'python3', usedMemoryMiB: 2658 },
    ]);
  });

  // Values read by hand from each capture's idle/load sections.
  it.each([
    {
      file: 'nvidia-smi-capture_driver-590.48.01_h100-80gb_mig.txt', driver: '590.48.01', cuda: '13.1', name: 'NVIDIA H100 80GB HBM3', bus: '00000000:00:09.0', total: 81559,
      idle: { memUsedMiB: 59, utilPct: null, tempC: 42, powerW: 71.15, powerLimitW: 700 },
      load: { memUsedMiB: 11125, utilPct: null, tempC: 53, powerW: 433.78, powerLimitW: 700 },
      idleApps: [],
      loadApps: [[21180, '/root/tools/memhog', 2296], [21181, '/root/tools/memhog', 1272], [21198, './gpu_burn', 7484]],
    },
    {
      file: 'nvidia-smi-capture_driver-595.80_l40s.txt', driver: '595.80', cuda: '13.2', name: 'NVIDIA L40S', bus: '00000000:01:00.0', total: 46068,
      idle: { memUsedMiB: 0, utilPct: 100, tempC: 63, powerW: 144.97, powerLimitW: 350 },
      load: { memUsedMiB: 1235, utilPct: 9, tempC: 54, powerW: 110.23, powerLimitW: 350 },
      idleApps: [],
      loadApps: [[20037, 'ffmpeg', 538], [20038, 'ffmpeg', 681]],
    },
    {
      file: 'nvidia-smi-capture_driver-595.71.05_rtx-4080-super.txt', driver: '595.71.05', cuda: '13.2', name: 'NVIDIA GeForce RTX 4080 SUPER', bus: '00000000:01:00.0', total: 16376,
      idle: { memUsedMiB: 596, utilPct: 0, tempC: 43, powerW: 26.2, powerLimitW: 320 },
      load: { memUsedMiB: 1474, utilPct: 7, tempC: 46, powerW: 84.24, powerLimitW: 320 },
      idleApps: [[2165, '/usr/bin/kwin_wayland', 25]],
      loadApps: [[2165, '/usr/bin/kwin_wayland', 25], [5022, 'ffmpeg', 503], [5021, 'ffmpeg', 360]],
    },
  ])('parses the $file capture (version, idle and load CSV, processes)', (expected) => {
    const capture = read(SHARED, expected.file);
    expect(parseNvidiaSmiVersion(section(capture, 'capabilities :: version'))).toEqual({ smiVersion: expected.driver, driverVersion: expected.driver, cudaVersion: expected.cuda });
    for (const state of ['idle', 'load'] as const) {
      const { fields, body } = splitCsvHeader(section(capture, `${state} :: query-gpu (csv, what the exporter parses)`));
      const rows = parseQueryGpuCsv(body, fields, 1);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ index: 0, uuid: 'GPU-00000000-0000-0000-0000-000000000000', pciBusId: expected.bus });
      expect(rows[0]!.sample).toMatchObject({ ...expected[state], memTotalMiB: expected.total });
      const apps = splitCsvHeader(section(capture, `${state} :: query-compute-apps (per-process)`));
      const parsed = parseComputeAppsCsv(apps.body, apps.fields).map((a) => [a.pid, a.name, a.usedMemoryMiB]);
      expect(parsed).toEqual(expected[state === 'idle' ? 'idleApps' : 'loadApps']);
    }
    expect(capture).toContain(expected.name);
  });

  it('lists the H100 MIG slices from -L', () => {
    const capture = read(SHARED, 'nvidia-smi-capture_driver-590.48.01_h100-80gb_mig.txt');
    expect(parseNvidiaSmiList(section(capture, 'capabilities :: list (-L)'))).toEqual([
      { kind: 'gpu', index: 0, name: 'NVIDIA H100 80GB HBM3', uuid: 'GPU-00000000-0000-0000-0000-000000000000', parentIndex: null },
      { kind: 'mig', index: 0, name: '3g.40gb', uuid: 'MIG-00000000-0000-0000-0000-000000000000', parentIndex: 0 },
      { kind: 'mig', index: 1, name: '2g.20gb', uuid: 'MIG-00000001-0000-0000-0000-000000000001', parentIndex: 0 },
      { kind: 'mig', index: 2, name: '1g.10gb', uuid: 'MIG-00000002-0000-0000-0000-000000000002', parentIndex: 0 },
      { kind: 'mig', index: 3, name: '1g.10gb', uuid: 'MIG-00000003-0000-0000-0000-000000000003', parentIndex: 0 },
    ]);
  });

  it('parses our H200 --version and -L', () => {
    const table = read(H200, 'nvidia-smi-table.txt');
    expect(parseNvidiaSmiVersion(table)).toEqual({ smiVersion: '580.159.04', driverVersion: '580.159.04', cudaVersion: '13.0' });
    expect(parseNvidiaSmiList(table)).toEqual([
      { kind: 'gpu', index: 0, name: 'NVIDIA H200', uuid: 'GPU-928c1689-c9bd-7365-08f5-aac6a36da451', parentIndex: null },
    ]);
  });

  it('asks only for fields --help-query-gpu documents (an unknown field fails the whole call)', () => {
    const help = read(SHARED, 'nvidia-smi-help-query-gpu_netdata-2024.txt');
    for (const field of QUERY_GPU_FIELDS) expect(help, field).toContain(`"${field}"`);
    const computeHelp = section(read(SHARED, 'nvidia-smi-capture_driver-595.80_l40s.txt'), 'capabilities :: help-query-compute-apps');
    for (const field of QUERY_COMPUTE_APPS_FIELDS) expect(computeHelp, field).toContain(`"${field}"`);
  });

  it('maps every N/A spelling to null and keeps numbers', () => {
    const fields = ['index', 'uuid', 'utilization.gpu', 'utilization.memory', 'memory.used', 'memory.total', 'temperature.gpu', 'power.draw', 'power.limit'];
    const [row] = parseQueryGpuCsv('0, GPU-a, [N/A], N/A, [Not Supported], [Unknown Error], [Requested functionality has been deprecated], [Function Not Found], ', fields, 1);
    expect(row!.sample).toEqual({ ts: 1, utilPct: null, memUtilPct: null, memUsedMiB: null, memTotalMiB: null, tempC: null, powerW: null, powerLimitW: null });
    expect(parseQueryGpuCsv('garbage line\n\n1, 2', fields)).toEqual([]);
  });

  it('keeps a process name that contains ", " and skips the "no processes" line', () => {
    expect(parseComputeAppsCsv('GPU-a, 12, python -c a, b, 100\nNo running processes found\n')).toEqual([{ gpuUuid: 'GPU-a', pid: 12, name: 'python -c a, b', usedMemoryMiB: 100 }]);
    expect(parseComputeAppsCsv('GPU-a, 13, C:\\app.exe, [N/A]\r\n')).toEqual([{ gpuUuid: 'GPU-a', pid: 13, name: 'C:\\app.exe', usedMemoryMiB: null }]);
  });
});
