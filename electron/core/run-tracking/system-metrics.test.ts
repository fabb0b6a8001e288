import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import type { GpuSample } from '../../../shared/domain/gpu.ts';
import { SystemMetricsAccumulator } from './system-metrics.ts';

// Pure logic: samples shaped as the engine's stats stream and the GPU service produce them.
const stats = (over: Partial<StatsSample>): StatsSample => ({
  at: 0,
  cpuPercent: 0,
  onlineCpus: 4,
  memoryBytes: 0,
  memoryLimitBytes: 0,
  networkRxBytes: 0,
  networkTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  pids: 1,
  ...over,
});
const gpu = (over: Partial<GpuSample>): GpuSample => ({ gpuId: 'nvidia:GPU-a', ts: 0, utilPct: null, memUtilPct: null, memUsedMiB: null, memTotalMiB: null, tempC: null, powerW: null, powerLimitW: null, ...over });
const byKey = (points: { key: string; value: number }[]) => Object.fromEntries(points.map((p) => [p.key, p.value]));

describe('SystemMetricsAccumulator', () => {
  it('averages CPU (of the machine, like psutil) and memory over an interval, with MLflow’s names and one step per flush', () => {
    const acc = new SystemMetricsAccumulator();
    acc.addStats(stats({ cpuPercent: 200, memoryBytes: 100e6, memoryLimitBytes: 1000e6, networkRxBytes: 1e6, networkTxBytes: 2e6 }));
    acc.addStats(stats({ cpuPercent: 100, memoryBytes: 300e6, memoryLimitBytes: 1000e6, networkRxBytes: 3e6, networkTxBytes: 4e6 }));
    const first = acc.flush(1000);
    expect(byKey(first)).toEqual({
      'system/cpu_utilization_percentage': 37.5,
      'system/system_memory_usage_megabytes': 200,
      'system/system_memory_usage_percentage': 20,
      'system/network_receive_megabytes': 3,
      'system/network_transmit_megabytes': 4,
    });
    expect(new Set(first.map((p) => p.step))).toEqual(new Set([0]));
    expect(first.every((p) => p.timestamp === 1000)).toBe(true);
    expect(acc.flush(2000)).toEqual([]);
    acc.addStats(stats({ cpuPercent: 400 }));
    const second = acc.flush(3000);
    expect(byKey(second)['system/cpu_utilization_percentage']).toBe(100);
    expect(second[0].step).toBe(1);
  });

  it('writes GPU metrics only for GPUs attributed to the container, numbered in the container’s order', () => {
    const acc = new SystemMetricsAccumulator(['nvidia:GPU-b']);
    acc.addGpu(
      [gpu({ gpuId: 'nvidia:GPU-a', utilPct: 99 }), gpu({ gpuId: 'nvidia:GPU-b', utilPct: 50, memUsedMiB: 1000, memTotalMiB: 4000, powerW: 100, powerLimitW: 200 })],
      null,
      'c'.repeat(64),
    );
    expect(byKey(acc.flush(1))).toEqual({
      'system/gpu_0_utilization_percentage': 50,
      'system/gpu_0_memory_usage_megabytes': 1048.576,
      'system/gpu_0_memory_usage_percentage': 25,
      'system/gpu_0_power_usage_watts': 100,
      'system/gpu_0_power_usage_percentage': 50,
    });
  });

  it('takes the container’s own GPU memory from the process list, and GPUs it uses that were not handed to it', () => {
    const id = 'd'.repeat(64);
    const acc = new SystemMetricsAccumulator();
    acc.addGpu(
      [gpu({ gpuId: 'nvidia:GPU-a', utilPct: 80, memUsedMiB: 3000, memTotalMiB: 8000 }), gpu({ gpuId: 'nvidia:GPU-b', utilPct: 10 })],
      [
        { containerId: id, containerName: 'x', gpuId: 'nvidia:GPU-a', usedMemoryMiB: 1000, pids: [1] },
        { containerId: 'e'.repeat(64), containerName: 'y', gpuId: 'nvidia:GPU-b', usedMemoryMiB: 500, pids: [2] },
      ],
      id,
    );
    expect(byKey(acc.flush(1))).toEqual({
      'system/gpu_0_utilization_percentage': 80,
      'system/gpu_0_memory_usage_megabytes': 1048.576,
      'system/gpu_0_memory_usage_percentage': 12.5,
    });
    expect(acc.gpuIds).toEqual(['nvidia:GPU-a']);
  });
});
