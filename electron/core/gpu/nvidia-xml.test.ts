import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiXml } from './nvidia-xml.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/fixtures/gpu');
const OWN = join(import.meta.dirname, 'fixtures');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

interface ExpectedGpu {
  name: string;
  uuid: string;
  index: number;
  bus: string;
  memMiB: number;
  util: number | null;
  temp: number | null;
  power: number | null;
  limit: number | null;
  arch?: string | null;
}
interface Expected {
  file: string;
  dir?: string;
  driver: string;
  cuda: string | null;
  attached: number;
  gpus: ExpectedGpu[];
  processes: number;
}

// Every value below was read by hand from the capture files, not produced by the parser.
const EXPECTED: Expected[] = [
  {
    file: 'nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml', driver: '384.66', cuda: null, attached: 6, processes: 4,
    gpus: [
      { name: 'GeForce GTX 1070', uuid: 'GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', index: 0, bus: '00000000:01:00.0', memMiB: 8112, util: 100, temp: 60, power: 119.47, limit: 180, arch: null },
      { name: 'GeForce GTX 1070', uuid: 'GPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6', index: 1, bus: '00000000:03:00.0', memMiB: 8114, util: 98, temp: 59, power: 139.3, limit: 180, arch: null },
    ],
  },
  {
    file: 'nvidia-smi-q-x_driver-410.73_rtx-2080ti-x2_ecc-unsupported.xml', driver: '410.73', cuda: '10.0', attached: 2, processes: 0,
    gpus: [
      { name: 'GeForce RTX 2080 Ti', uuid: 'GPU-57567e11-0be2-381b-5132-2ad95c262e58', index: 0, bus: '00000000:02:00.0', memMiB: 10989, util: 0, temp: 24, power: 2.12, limit: 250 },
      { name: 'GeForce RTX 2080 Ti', uuid: 'GPU-ef1d0068-5bfd-f1e4-7e79-ff35d71d44b8', index: 1, bus: '00000000:03:00.0', memMiB: 10989, util: 0, temp: 24, power: 19.11, limit: 250 },
    ],
  },
  {
    file: 'nvidia-smi-q-x_driver-418.43_quadro-p400.xml', driver: '418.43', cuda: '10.1', attached: 1, processes: 0,
    gpus: [{ name: 'Quadro P400', uuid: 'GPU-8f750be4-dfbc-23b9-b33f-da729a536494', index: 0, bus: '00000000:43:00.0', memMiB: 1998, util: 0, temp: 33, power: null, limit: null }],
  },
  {
    file: 'nvidia-smi-q-x_driver-470.74_gt-1030.xml', driver: '470.74', cuda: '11.4', attached: 1, processes: 10,
    gpus: [{ name: 'NVIDIA GeForce GT 1030', uuid: 'GPU-857c6374-f681-cf3a-f99f-9063a87b8ac0', index: 0, bus: '00000000:2d:00.0', memMiB: 1998, util: 0, temp: 36, power: null, limit: 30 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-510.47.03_tesla-p100-pcie-16gb.xml', driver: '510.47.03', cuda: '11.6', attached: 1, processes: 0,
    gpus: [{ name: 'Tesla P100-PCIE-16GB', uuid: 'GPU-d3da8716-eaab-75db-efc1-60e88e1cd55e', index: 0, bus: '00000000:00:04.0', memMiB: 16384, util: 0, temp: 38, power: 26.16, limit: 250, arch: 'Pascal' }],
  },
  {
    file: 'nvidia-smi-q-x_driver-515.105.01_a10g.xml', driver: '515.105.01', cuda: '11.7', attached: 1, processes: 1,
    gpus: [{ name: 'NVIDIA A10G', uuid: 'GPU-9a9a6c50-2a47-2f51-a902-b82c3b127e94', index: 0, bus: '00000000:00:1e.0', memMiB: 23028, util: 0, temp: 17, power: 25.58, limit: 300, arch: 'Ampere' }],
  },
  {
    file: 'nvidia-smi-q-x_driver-515.105.01_tesla-t4.xml', driver: '515.105.01', cuda: '11.7', attached: 1, processes: 2,
    gpus: [{ name: 'Tesla T4', uuid: 'GPU-d37e67a5-91dd-3774-a5cb-99096249601a', index: 0, bus: '00000000:00:1e.0', memMiB: 15360, util: 0, temp: 40, power: 26.78, limit: 70, arch: 'Turing' }],
  },
  {
    file: 'nvidia-smi-q-x_driver-515.65.01_rtx-3060-laptop.xml', driver: '515.65.01', cuda: '11.7', attached: 1, processes: 1,
    gpus: [{ name: 'NVIDIA GeForce RTX 3060 Laptop GPU', uuid: 'GPU-473d8d0f-d462-185c-6b36-6fc23e23e571', index: 0, bus: '00000000:01:00.0', memMiB: 6144, util: 0, temp: 45, power: 8.7, limit: null }],
  },
  {
    file: 'nvidia-smi-q-x_driver-525.125.06_quadro-p2000.xml', driver: '525.125.06', cuda: '12.0', attached: 1, processes: 0,
    gpus: [{ name: 'Quadro P2000', uuid: 'GPU-396caaed-39ca-3199-2e68-717cdb786ec6', index: 0, bus: '00000000:17:00.0', memMiB: 5120, util: 0, temp: 34, power: 4.61, limit: 75 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-525.147.05_rtx-3090.xml', driver: '525.147.05', cuda: '12.0', attached: 1, processes: 0,
    gpus: [{ name: 'NVIDIA GeForce RTX 3090', uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', index: 0, bus: '00000000:00:10.0', memMiB: 24576, util: 0, temp: 37, power: 27.23, limit: 200 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-535.54.03_a100-sxm4-80gb_mig.xml', driver: '535.54.03', cuda: '12.2', attached: 4, processes: 0,
    gpus: [{ name: 'NVIDIA A100-SXM4-80GB', uuid: 'GPU-513536b6-7d19-9063-b049-1e69664bb298', index: 1, bus: '00000000:01:00.0', memMiB: 81920, util: null, temp: 27, power: 67.03, limit: 500 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-535.86.05_rtx-4090.xml', driver: '535.86.05', cuda: '12.2', attached: 1, processes: 0,
    gpus: [{ name: 'NVIDIA GeForce RTX 4090', uuid: 'GPU-71d1acc2-662d-2166-bf9f-65272d2fc437', index: 0, bus: '00000000:84:00.0', memMiB: 24564, util: 0, temp: 40, power: 26.84, limit: 450, arch: 'Ada Lovelace' }],
  },
  {
    file: 'nvidia-smi-q-x_driver-536.40-windows_rtx-3080.xml', driver: '536.40', cuda: '12.2', attached: 1, processes: 5,
    gpus: [{ name: 'NVIDIA GeForce RTX 3080', uuid: 'GPU-19d6d965-2acc-f646-00f8-4c76979aabb4', index: 0, bus: '00000000:04:00.0', memMiB: 10240, util: 0, temp: 31, power: 22.78, limit: 336 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-570.124.04_rtx-3060.xml', driver: '570.124.04', cuda: '12.8', attached: 1, processes: 0,
    gpus: [{ name: 'NVIDIA GeForce RTX 3060', uuid: 'GPU-d6889ff6-2523-9142-ca3c-1ca3f396a625', index: 0, bus: '00000000:2d:00.0', memMiB: 12288, util: 0, temp: 42, power: 11.63, limit: 170 }],
  },
  {
    file: 'nvidia-smi-q-x_driver-590.44.01_rtx-2080x2.xml', driver: '590.44.01', cuda: '13.1', attached: 2, processes: 0,
    gpus: [
      { name: 'NVIDIA GeForce RTX 2080', uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', index: 0, bus: '00000000:01:00.0', memMiB: 8192, util: 0, temp: 15, power: 1, limit: 215, arch: 'Turing' },
      { name: 'NVIDIA GeForce RTX 2080', uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', index: 1, bus: '00000000:02:00.0', memMiB: 8192, util: 0, temp: 15, power: 1.62, limit: 215, arch: 'Turing' },
    ],
  },
  {
    file: 'nvidia-smi-q-x_driver-590.44.01_rtx-pro-6000-blackwell-maxq.xml', driver: '590.44.01', cuda: '13.1', attached: 1, processes: 1,
    gpus: [{ name: 'NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition', uuid: 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', index: 0, bus: '00000000:61:00.0', memMiB: 97887, util: 0, temp: 24, power: 3.99, limit: 300, arch: 'Blackwell' }],
  },
  {
    file: 'nvidia-smi-q-x_driver-595.84_rtx-4000-sff-ada.xml', driver: '595.84', cuda: '13.2', attached: 1, processes: 4,
    gpus: [{ name: 'NVIDIA RTX 4000 SFF Ada Generation', uuid: 'GPU-37037c3f-65c8-ec4d-24a9-420204ad8026', index: 0, bus: '00000000:06:00.0', memMiB: 20475, util: 0, temp: 38, power: 8.44, limit: 70 }],
  },
  {
    file: 'nvidia-smi-q-x.xml', dir: join(OWN, 'nvidia-smi_driver-580.159.04_h200'), driver: '580.159.04', cuda: '13.0', attached: 1, processes: 1,
    gpus: [{ name: 'NVIDIA H200', uuid: 'GPU-928c1689-c9bd-7365-08f5-aac6a36da451', index: 0, bus: '00000000:00:06.0', memMiB: 143771, util: 0, temp: 40, power: 126.32, limit: 700, arch: 'Hopper' }],
  },
];

describe('parseNvidiaSmiXml on every capture', () => {
  it.each(EXPECTED)('$file', (expected) => {
    const report = parseNvidiaSmiXml(read(expected.dir ?? SHARED, expected.file), 1000);
    expect(report.driverVersion).toBe(expected.driver);
    expect(report.cudaVersion).toBe(expected.cuda);
    expect(report.attachedGpus).toBe(expected.attached);
    expect(report.partial).toBe(false);
    expect(report.processes).toHaveLength(expected.processes);
    expect(report.gpus.map((g) => g.name)).toEqual(expected.gpus.map((g) => g.name));
    expected.gpus.forEach((want, i) => {
      const gpu = report.gpus[i]!;
      expect(gpu.uuid).toBe(want.uuid);
      expect(gpu.index).toBe(want.index);
      expect(gpu.pciBusId).toBe(want.bus);
      expect(gpu.memoryTotalMiB).toBe(want.memMiB);
      expect(gpu.driverVersion).toBe(expected.driver);
      expect(gpu.cudaVersion).toBe(expected.cuda);
      expect(gpu.live).toMatchObject({ utilPct: want.util, tempC: want.temp, powerW: want.power, powerLimitW: want.limit });
      if (want.arch !== undefined) expect(gpu.architecture).toBe(want.arch);
    });
    expect(new Set(report.gpus.map((g) => g.id)).size).toBe(report.gpus.length);
  });

  it('reads the A100 MIG slices and keeps the GPU’s own memory (slices come first in the document)', () => {
    const report = parseNvidiaSmiXml(read(SHARED, 'nvidia-smi-q-x_driver-535.54.03_a100-sxm4-80gb_mig.xml'));
    const gpu = report.gpus[0]!;
    expect(gpu.memoryTotalMiB).toBe(81920);
    expect(gpu.live?.memUsedMiB).toBe(50);
    expect(gpu.mig?.enabled).toBe(true);
    expect(gpu.mig?.devices.map((d) => [d.index, d.gpuInstanceId, d.computeInstanceId, d.memoryTotalMiB, d.memoryUsedMiB])).toEqual([
      [0, 3, 0, 19968, 12],
      [1, 4, 0, 19968, 12],
      [2, 5, 0, 19968, 12],
      [3, 6, 0, 19968, 12],
    ]);
    expect(gpu.warnings).toContain('MIG enabled: utilisation not reported');
  });

  it('keys GPUs with the same masked UUID apart by bus id', () => {
    const report = parseNvidiaSmiXml(read(SHARED, 'nvidia-smi-q-x_driver-590.44.01_rtx-2080x2.xml'));
    expect(report.gpus.map((g) => g.id)).toEqual(['nvidia:GPU-12345678-aaaa-bbbb-cccc-0123456789ab', 'nvidia:pci:00000000:02:00.0']);
  });

  it('reads processes with pid, name and memory (GTX 1070 box, H200, GT 1030 with N/A instance ids)', () => {
    const gtx = parseNvidiaSmiXml(read(SHARED, 'nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml'));
    expect(gtx.processes.map((p) => [p.gpuUuid, p.pid, p.name, p.usedMemoryMiB])).toEqual([
      ['GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', 1357, '/usr/lib/xorg/Xorg', 99],
      ['GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', 2384, '/usr/bin/gnome-shell', 79],
      ['GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', 3093, './ethminer', 2283],
      ['GPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6', 3093, './ethminer', 2283],
    ]);
    const h200 = parseNvidiaSmiXml(read(join(OWN, 'nvidia-smi_driver-580.159.04_h200'), 'nvidia-smi-q-x.xml'));
    expect(h200.processes).toEqual([
      { gpuId: 'nvidia:GPU-928c1689-c9bd-7365-08f5-aac6a36da451', gpuUuid: 'GPU-928c1689-c9bd-7365-08f5-aac6a36da451', pid: 441, type: 'C', name: 'python3', usedMemoryMiB: 2658, gpuInstanceId: null, computeInstanceId: null },
    ]);
    expect(h200.gpus[0]!.mig).toEqual({ enabled: false, devices: [] });
    const gt = parseNvidiaSmiXml(read(SHARED, 'nvidia-smi-q-x_driver-470.74_gt-1030.xml'));
    expect(gt.processes[0]).toMatchObject({ pid: 607, name: '/usr/lib/Xorg', usedMemoryMiB: 547, gpuInstanceId: null });
    expect(gt.processes[1]).toMatchObject({ pid: 746, usedMemoryMiB: 0 });
  });

  it('never throws on garbage: no GPUs and partial', () => {
    expect(parseNvidiaSmiXml('garbage <<< not xml')).toMatchObject({ gpus: [], partial: true });
    expect(parseNvidiaSmiXml('<nvidia_smi_log><gpu><oops></nvidia_smi_log>').gpus).toEqual([]);
    expect(parseNvidiaSmiXml('')).toMatchObject({ gpus: [], partial: true });
  });
});
