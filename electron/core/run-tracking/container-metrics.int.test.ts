import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { ProbeRunner } from '../gpu/probe-runner.ts';
import { GpuService } from '../gpu/service.ts';
import { createFakeToolsDir, GTX_1070X2_COMPUTE_APPS_CSV, GTX_1070X2_QUERY_GPU_CSV, nvidiaSmiScript } from '../gpu/testing/fake-gpu-tools.ts';
import { sampleContainerMetrics } from './container-metrics.ts';
import type { MetricPoint } from './system-metrics.ts';

// The real engine samples a real busybox container (labelled benchtop.test=1, no network, removed at
// the end). There is no GPU here: the GPU service runs a fake nvidia-smi answering with the captured
// 2x GTX 1070 fixture (../shared/fixtures/gpu), and a fake /proc whose cgroup file puts the capture's
// GPU process (pid 3093) in our container, so the per-container attribution is the real code's.
const engine = new EngineConnection({ env: process.env });
const created: string[] = [];
const XML = join(import.meta.dirname, '../../../../shared/fixtures/gpu/nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml');

beforeAll(async () => {
  expect((await engine.connect()).connected).toBe(true);
});
afterAll(async () => {
  const docker = await engine.client();
  for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  engine.close();
});

async function busyContainer(): Promise<string> {
  const docker = await engine.client();
  const container = await docker.createContainer({
    name: `benchtop-test-sysmetrics-${process.pid}-${created.length}`,
    Image: 'benchtop-test/busybox',
    Cmd: ['sh', '-c', 'while true; do :; done'],
    Labels: { 'benchtop.test': '1' },
    HostConfig: { NetworkMode: 'none', Memory: 256 * 2 ** 20 },
  });
  created.push(container.id);
  await container.start();
  return container.id;
}

describe('system metrics of a container, sampled from outside', () => {
  it('writes system/cpu and system/memory points from the engine’s stats while the container runs', async () => {
    const docker = await engine.client();
    const id = await busyContainer();
    const written: MetricPoint[] = [];
    const sampler = sampleContainerMetrics({ docker, containerId: id, gpu: null, intervalMs: 1000, write: (points) => written.push(...points) });
    const cpuPoints = () => written.filter((p) => p.key === 'system/cpu_utilization_percentage');
    // The engine's first entry comes about two seconds in (later on a loaded host).
    await expect.poll(() => cpuPoints().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await sampler.stop();
    const cpu = cpuPoints();
    expect(cpu.map((p) => p.step)).toEqual(cpu.map((_, i) => i));
    // A busy loop on one CPU: a clear share of the machine (~50% of 2 cores when idle; less when other tests load it).
    expect(Math.max(...cpu.map((p) => p.value))).toBeGreaterThan(5);
    const memory = written.filter((p) => p.key === 'system/system_memory_usage_megabytes');
    expect(memory.length).toBe(cpu.length);
    expect(memory[0].value).toBeGreaterThan(0);
    expect(memory[0].value).toBeLessThan(256);
    expect(written.some((p) => p.key === 'system/system_memory_usage_percentage')).toBe(true);
    expect(written.some((p) => p.key.includes('gpu'))).toBe(false);
  });

  it('adds GPU utilisation and the container’s own GPU memory where the GPU service attributes a GPU to it (captured fixture)', async () => {
    const docker = await engine.client();
    const id = await busyContainer();
    const tools = createFakeToolsDir('/usr/bin:/bin');
    const proc = mkdtempSync(join(tmpdir(), 'benchtop-fake-proc-'));
    try {
      tools.write('nvidia-smi', nvidiaSmiScript({ xml: XML, queryGpuCsv: tools.writeData('q.csv', GTX_1070X2_QUERY_GPU_CSV), computeAppsCsv: tools.writeData('apps.csv', GTX_1070X2_COMPUTE_APPS_CSV) }));
      mkdirSync(join(proc, '3093'));
      writeFileSync(join(proc, '3093', 'cgroup'), `0::/system.slice/docker-${id}.scope\n`);
      const gpu = new GpuService({ engine, runner: new ProbeRunner({ env: { PATH: tools.path } }), platform: async () => 'linux', pciVendors: async () => new Set(), procRoot: proc });
      const inventory = await gpu.inventory();
      expect(inventory.gpus.length).toBe(2);
      const written: MetricPoint[] = [];
      // The step was handed the second GPU; the process list shows the container on both.
      const second = inventory.gpus[1].id;
      const sampler = sampleContainerMetrics({ docker, containerId: id, gpu, gpuIds: [second], intervalMs: 1000, write: (points) => written.push(...points) });
      await new Promise((resolve) => setTimeout(resolve, 3500));
      await sampler.stop();
      const last = (key: string) => written.filter((p) => p.key === key).at(-1)?.value;
      // GPU 1 of the capture (index 0 in the container): 98% busy, ethminer uses 2283 MiB of 8114.
      expect(last('system/gpu_0_utilization_percentage')).toBe(98);
      expect(last('system/gpu_0_memory_usage_megabytes')).toBeCloseTo(2283 * 1.048576, 2);
      expect(last('system/gpu_0_memory_usage_percentage')).toBeCloseTo((2283 / 8114) * 100, 2);
      expect(last('system/gpu_0_power_usage_watts')).toBeCloseTo(139.3, 1);
      // GPU 0 of the capture is attributed by the process list only: index 1.
      expect(last('system/gpu_1_utilization_percentage')).toBe(100);
      expect(last('system/cpu_utilization_percentage')).toBeGreaterThan(0);
    } finally {
      tools.remove();
      rmSync(proc, { recursive: true, force: true });
    }
  });
});
