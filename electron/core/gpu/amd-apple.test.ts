import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmdSmiJson } from './amd-smi.ts';
import { gpuAssignmentFromInspect, type InspectForGpus } from './container-gpus.ts';
import { parseRocmSmiJson } from './rocm-smi.ts';
import { parseRocminfo } from './rocminfo.ts';
import { parseSystemProfilerDisplays } from './system-profiler.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/fixtures/gpu');
const read = (name: string) => readFileSync(join(SHARED, name), 'utf8');
const GIB = 1024;

// Expected values read by hand from each rocm-smi capture (VRAM bytes / 1 MiB, rounded).
describe('parseRocmSmiJson on every capture', () => {
  it('RX 6700 XT, ROCm 6.1.2 keys', () => {
    const [gpu, ...rest] = parseRocmSmiJson(read('rocm-smi-json_rx6700xt_rocm-6.1.2.json'), 1);
    expect(rest).toHaveLength(0);
    expect(gpu).toMatchObject({
      id: 'amd:00000000:07:00.0', vendor: 'amd', index: 0, uuid: null, pciBusId: '00000000:07:00.0',
      name: 'Navi 22 [Radeon RX 6700/6700 XT / 6800M]', gfxTarget: 'gfx1031', memoryTotalMiB: 12272, driverVersion: '6.3.6', source: 'rocm-smi',
    });
    expect(gpu!.live).toMatchObject({ utilPct: 0, memUtilPct: 12, memUsedMiB: 1500, tempC: 45, powerW: 6, powerLimitW: 211 });
  });

  it('6x MI100, ROCm 5.7.1, "Card series" spelling', () => {
    const gpus = parseRocmSmiJson(read('rocm-smi-json_mi100x6_rocm-5.7.1.json'));
    expect(gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gpus.map((g) => g.pciBusId)).toEqual(['00000000:1e:00.0', '00000000:22:00.0', '00000000:3f:00.0', '00000000:43:00.0', '00000000:46:00.0', '00000000:49:00.0']);
    for (const gpu of gpus) {
      expect(gpu.name).toBe('Arcturus GL-XL [Instinct MI100]');
      expect(gpu.memoryTotalMiB).toBe(32752);
      expect(gpu.driverVersion).toBe('6.2.4');
    }
    expect(gpus.map((g) => g.live?.powerW)).toEqual([39, 37, 35, 39, 39, 40]);
    expect(gpus.map((g) => g.live?.tempC)).toEqual([31, 30, 31, 33, 32, 33]);
  });

  it('Vega 20 WKS GL-XE with a unique id', () => {
    const [gpu] = parseRocmSmiJson(read('rocm-smi-json_vega20-wks-gl-xe.json'));
    expect(gpu).toMatchObject({ id: 'amd:0x2f048617326b1ea', uuid: '0x2f048617326b1ea', name: 'Radeon Instinct MI50 32GB', memoryTotalMiB: 32752, driverVersion: '5.9.17', pciBusId: '00000000:63:00.0' });
    expect(gpu!.live).toMatchObject({ tempC: 36, powerW: 26, utilPct: 0 });
  });

  it('legacy 2x Vega 20: lowercase keys, padded values, cards out of order', () => {
    const gpus = parseRocmSmiJson(read('rocm-smi-json_vega20x2_legacy.json'));
    expect(gpus.map((g) => [g.index, g.uuid, g.name, g.pciBusId, g.memoryTotalMiB])).toEqual([
      [1, '7c96610172fc1a8d', 'Vega 20', '00000000:03:00.0', 16368],
      [2, '249220e172fc1a88', 'Vega 20', '00000000:06:00.0', 16368],
    ]);
    expect(gpus.map((g) => g.live?.memUsedMiB)).toEqual([310, 18]);
    expect(gpus[0]!.driverVersion).toBe('5.3.0-26-generic');
  });

  it('MI250 = 2 GCDs; the secondary die has no power', () => {
    const gpus = parseRocmSmiJson(read('rocm-smi-json_mi250x2-gcd_subset.json'));
    expect(gpus.map((g) => [g.index, g.name, g.gfxTarget, g.memoryTotalMiB])).toEqual([
      [0, 'AMD INSTINCT MI250 (MCM) OAM AC MBA', 'gfx9010', 65520],
      [1, 'AMD INSTINCT MI250 (MCM) OAM AC MBA', 'gfx9010', 65520],
    ]);
    expect(gpus.map((g) => g.live?.powerW)).toEqual([92, null]);
    expect(gpus.map((g) => g.live?.memUtilPct)).toEqual([75, 50]);
    expect(gpus[1]!.warnings[0]).toMatch(/Secondary die/);
    expect(gpus.map((g) => g.id)).toEqual(['amd:card0', 'amd:card1']);
  });

  it('throws on text that is not JSON (the caller logs it)', () => {
    expect(() => parseRocmSmiJson('WARNING: no AMD GPU')).toThrow();
  });
});

describe('rocminfo', () => {
  it('finds the RX 7800 XT agent and its gfx target', () => {
    expect(parseRocminfo(read('rocminfo_rx7800xt_rocm-6.2.4.txt'))).toEqual({
      runtimeVersion: '1.13',
      agents: [{ gfxTarget: 'gfx1101', marketingName: 'AMD Radeon RX 7800 XT' }],
    });
  });
});

describe('system_profiler', () => {
  it('Apple M1: unified memory from hw.memsize, Metal family, 7 cores', () => {
    const [gpu, ...rest] = parseSystemProfilerDisplays(read('system-profiler-SPDisplaysDataType_apple-m1.json'), 16 * GIB * 1024 * 1024);
    expect(rest).toHaveLength(0);
    expect(gpu).toMatchObject({
      id: 'apple:0', vendor: 'apple', name: 'Apple M1', architecture: '7 GPU cores', metal: 'mtlgpufamilyapple7', unifiedMemory: true, memoryTotalMiB: 16 * GIB, live: null,
    });
  });
  it('a discrete GPU with VRAM and the newer Metal key', () => {
    const json = JSON.stringify({ SPDisplaysDataType: [{ sppci_model: 'AMD Radeon Pro 5500M', spdisplays_vendor: 'sppci_vendor_amd', spdisplays_vram: '8 GB', spdisplays_mtlgpufamilysupport: 'spdisplays_metal3' }] });
    expect(parseSystemProfilerDisplays(json)[0]).toMatchObject({ vendor: 'amd', memoryTotalMiB: 8192, unifiedMemory: false, metal: 'metal3' });
  });
});

describe('amd-smi (no real capture exists: built from the documented shape)', () => {
  const gpu0 = { gpu: 0, asic: { market_name: 'AMD Instinct MI300X', target_graphics_version: 'gfx942', asic_serial: '0xABC' }, bus: { bdf: '0000:0c:00.0' }, vram: { size: { value: 196592, unit: 'MB' } }, driver: { version: '6.8.5' } };
  it.each([
    ['a bare list', JSON.stringify([gpu0])],
    ['the gpu_data envelope', JSON.stringify({ gpu_data: [gpu0] })],
  ])('reads %s', (_label, text) => {
    const metric = JSON.stringify([{ gpu: 0, usage: { gfx_activity: { value: 37, unit: '%' } }, mem_usage: { used_vram: { value: 2048, unit: 'MB' } }, temperature: { edge: { value: 41, unit: 'C' } }, power: { socket_power: { value: 182, unit: 'W' } } }]);
    const [gpu] = parseAmdSmiJson(text, metric, 1);
    expect(gpu).toMatchObject({ id: 'amd:0xABC', name: 'AMD Instinct MI300X', gfxTarget: 'gfx942', pciBusId: '00000000:0c:00.0', memoryTotalMiB: 196592, driverVersion: '6.8.5', source: 'amd-smi' });
    expect(gpu!.live).toMatchObject({ utilPct: 37, memUsedMiB: 2048, tempC: 41, powerW: 182 });
  });
});

describe('docker inspect', () => {
  it('reads the AMD rocm-runtime container’s GPUs', () => {
    const [inspect] = JSON.parse(read('docker-inspect_amd-rocm-runtime-container.json')) as InspectForGpus[];
    expect(gpuAssignmentFromInspect(inspect!)).toEqual({ via: 'runtime', vendor: 'amd', devices: ['0', '1'] });
  });
  it('reads --gpus style requests and CDI', () => {
    expect(gpuAssignmentFromInspect({ HostConfig: { DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }] } })).toEqual({ via: 'device-requests', vendor: 'nvidia', devices: 'all' });
    expect(gpuAssignmentFromInspect({ HostConfig: { DeviceRequests: [{ Driver: '', Count: 0, DeviceIDs: ['GPU-1'], Capabilities: [['gpu']] }] } })).toMatchObject({ devices: ['GPU-1'] });
    expect(gpuAssignmentFromInspect({ HostConfig: { DeviceRequests: [{ Driver: 'cdi', DeviceIDs: ['nvidia.com/gpu=0'] }] } })).toEqual({ via: 'cdi', vendor: 'nvidia', devices: ['nvidia.com/gpu=0'] });
    expect(gpuAssignmentFromInspect({})).toEqual({ via: null, vendor: null, devices: null });
  });
});
