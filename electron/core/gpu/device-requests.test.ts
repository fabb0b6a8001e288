import { describe, expect, it } from 'vitest';
import { createGpuAllocator } from './allocator.ts';
import { toDeviceRequests } from './device-requests.ts';

const likely = { state: 'likely_gpus' as const, cdiDevices: [] };
const cdi = { state: 'ready_cdi' as const, cdiDevices: ['nvidia.com/gpu=0', 'nvidia.com/gpu=1', 'nvidia.com/gpu=all'] };

describe('toDeviceRequests (as docker/cli opts/gpus.go builds them)', () => {
  it('none → no request', () => {
    expect(toDeviceRequests({ mode: 'none' }, likely)).toEqual([]);
    expect(toDeviceRequests({ mode: 'none' }, cdi)).toEqual([]);
  });
  it('--gpus all → Count -1 with [["gpu"]]', () => {
    expect(JSON.stringify(toDeviceRequests({ mode: 'all' }, likely))).toBe('[{"Driver":"","Count":-1,"Capabilities":[["gpu"]],"Options":{}}]');
  });
  it('--gpus 2 → Count 2', () => {
    expect(toDeviceRequests({ mode: 'count', count: 2 }, likely)).toEqual([{ Driver: '', Count: 2, Capabilities: [['gpu']], Options: {} }]);
  });
  it('--gpus "device=0,GPU-x" → DeviceIDs with Count 0 (never both)', () => {
    expect(toDeviceRequests({ mode: 'devices', deviceIds: ['0', 'GPU-x'] }, likely)).toEqual([
      { Driver: '', Count: 0, DeviceIDs: ['0', 'GPU-x'], Capabilities: [['gpu']], Options: {} },
    ]);
  });
  it('CDI when the engine is ready_cdi', () => {
    expect(toDeviceRequests({ mode: 'all' }, cdi)).toEqual([{ Driver: 'cdi', Count: 0, DeviceIDs: ['nvidia.com/gpu=all'], Options: {} }]);
    expect(toDeviceRequests({ mode: 'count', count: 2 }, cdi)[0]!.DeviceIDs).toEqual(['nvidia.com/gpu=0', 'nvidia.com/gpu=1']);
    expect(toDeviceRequests({ mode: 'count', count: 3 }, cdi)[0]!.DeviceIDs).toEqual(['nvidia.com/gpu=0', 'nvidia.com/gpu=1', 'nvidia.com/gpu=2']);
    expect(toDeviceRequests({ mode: 'devices', deviceIds: ['GPU-a', '0:1', 'nvidia.com/gpu=3'] }, cdi)[0]!.DeviceIDs).toEqual([
      'nvidia.com/gpu=GPU-a',
      'nvidia.com/gpu=0:1',
      'nvidia.com/gpu=3',
    ]);
  });
});

describe('GPU allocator', () => {
  it('hands out specific devices in pool order and never shares by default', () => {
    const allocator = createGpuAllocator(['GPU-a', 'GPU-b', 'GPU-c']);
    expect(allocator.allocate(2)).toEqual(['GPU-a', 'GPU-b']);
    expect(() => allocator.allocate(2)).toThrow(/Only 1 of 3 GPUs are free/);
    expect(allocator.allocate(1)).toEqual(['GPU-c']);
    allocator.release(['GPU-a']);
    expect(allocator.free()).toEqual(['GPU-a']);
    expect(allocator.allocate(1)).toEqual(['GPU-a']);
  });
  it('rejects impossible requests without changing anything', () => {
    const allocator = createGpuAllocator(['GPU-a']);
    expect(() => allocator.allocate(0)).toThrow(/at least 1/);
    expect(() => allocator.allocate(2)).toThrow(/has 1/);
    expect(allocator.free()).toEqual(['GPU-a']);
  });
  it('shares least-used devices when allowed', () => {
    const allocator = createGpuAllocator(['GPU-a', 'GPU-b'], { allowSharing: true });
    expect(allocator.allocate(2)).toEqual(['GPU-a', 'GPU-b']);
    expect(allocator.allocate(1)).toEqual(['GPU-a']);
    expect(allocator.allocate(1)).toEqual(['GPU-b']);
    expect(allocator.holders().get('GPU-a')).toBe(2);
    allocator.release(['GPU-a', 'GPU-a', 'GPU-a', 'unknown']);
    expect(allocator.holders().get('GPU-a')).toBe(0);
  });
});
