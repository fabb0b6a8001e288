import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuMetricsMessage } from '../../../shared/domain/gpu.ts';
import { MetricsPoller } from './metrics-poller.ts';
import { ProbeRunner } from './probe-runner.ts';
import { GpuService, type GpuEngine } from './service.ts';
import { createFakeToolsDir, GTX_1070X2_QUERY_GPU_CSV, nvidiaSmiScript } from './testing/fake-gpu-tools.ts';

afterEach(() => vi.useRealTimers());

const message = (n: number): GpuMetricsMessage => ({ ts: n, samples: [], error: null });

describe('MetricsPoller', () => {
  it('polls only while someone listens, never overlapping, and stops when the last one leaves', async () => {
    vi.useFakeTimers();
    let n = 0;
    const poller = new MetricsPoller(async () => message(++n), 2000);
    expect(poller.polls).toBe(0);
    const a: number[] = [];
    const b: number[] = [];
    const offA = poller.subscribe((m) => a.push(m.ts));
    await vi.advanceTimersByTimeAsync(0);
    expect(a).toEqual([1]);
    const offB = poller.subscribe((m) => b.push(m.ts));
    expect(b).toEqual([1]); // the latest at once
    await vi.advanceTimersByTimeAsync(2000);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
    offA();
    offB();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(poller.polls).toBe(2);
    expect(poller.active).toBe(false);
  });

  it('turns a failing poll into a message with the error', async () => {
    const poller = new MetricsPoller(async () => {
      throw new Error('boom');
    }, 1000);
    const got = await new Promise<GpuMetricsMessage>((resolve) => {
      const off = poller.subscribe((m) => {
        off();
        resolve(m);
      });
    });
    expect(got).toMatchObject({ samples: [], error: 'boom' });
  });
});

describe('GpuService.pollMetrics with a fake nvidia-smi', () => {
  // No engine is needed to poll: a stand-in that has none.
  const noEngine: GpuEngine = {
    client: () => Promise.reject(new Error('no engine')),
    status: () => ({ connected: false, endpoint: null, versions: null, candidates: [], checkedAt: '' }),
  };

  it('joins CSV rows to the inventory by UUID', async () => {
    const tools = createFakeToolsDir('/usr/bin:/bin');
    try {
      const xml = join(import.meta.dirname, '../../../../shared/fixtures/gpu/nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml');
      tools.write('nvidia-smi', nvidiaSmiScript({ xml, queryGpuCsv: tools.writeData('q.csv', GTX_1070X2_QUERY_GPU_CSV) }));
      const service = new GpuService({ engine: noEngine, runner: new ProbeRunner({ env: { PATH: tools.path } }), platform: async () => 'linux', pciVendors: async () => new Set() });
      const inventory = await service.inventory();
      expect(inventory.readiness.state).toBe('docker_unavailable');
      const polled = await service.pollMetrics();
      expect(polled.error).toBeNull();
      expect(polled.samples.map((s) => [s.gpuId, s.utilPct, s.memUsedMiB, s.tempC, s.powerW])).toEqual([
        ['nvidia:GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b', 100, 2028, 60, 119.47],
        ['nvidia:GPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6', 98, 4057, 59, 139.3],
      ]);
    } finally {
      tools.remove();
    }
  });

  it('polls rocm-smi when it is the AMD tool that answered', async () => {
    const tools = createFakeToolsDir('/usr/bin:/bin');
    try {
      tools.write('rocm-smi', `cat '${join(import.meta.dirname, '../../../../shared/fixtures/gpu/rocm-smi-json_mi250x2-gcd_subset.json')}'`);
      const service = new GpuService({ engine: noEngine, runner: new ProbeRunner({ env: { PATH: tools.path } }), platform: async () => 'linux', pciVendors: async () => new Set() });
      const polled = await service.pollMetrics();
      expect(polled.samples.map((s) => [s.gpuId, s.utilPct, s.powerW, s.memTotalMiB])).toEqual([
        ['amd:card0', 50, 92, 65520],
        ['amd:card1', 50, null, 65520],
      ]);
    } finally {
      tools.remove();
    }
  });
});
