import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { containerIdOfPid } from './container-of-pid.ts';
import { ProbeRunner } from './probe-runner.ts';
import { decideReadiness, type EngineInfo } from './readiness.ts';
import { GpuService } from './service.ts';
import { createFakeToolsDir, nvidiaSmiScript } from './testing/fake-gpu-tools.ts';
import { parseNvidiaSmiXml } from './nvidia-xml.ts';
import { readFileSync } from 'node:fs';

// Against the real engine (Docker 20.10, no nvidia runtime, no GPU): busybox containers labelled
// benchtop.test=1, removed at the end. The fake nvidia-smi stands in for the GPU this machine lacks.
const H200 = join(import.meta.dirname, 'fixtures/nvidia-smi_driver-580.159.04_h200');
const engine = new EngineConnection({ env: process.env });
const created: string[] = [];

beforeAll(async () => {
  expect((await engine.connect()).connected).toBe(true);
});
afterAll(async () => {
  const docker = await engine.client();
  for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => {});
  engine.close();
});

describe('GPU support against the real engine', () => {
  it('maps a running busybox container’s main PID to its container id through /proc/<pid>/cgroup', async () => {
    const docker = await engine.client();
    const container = await docker.createContainer({ Image: 'benchtop-test/busybox', Cmd: ['sleep', '60'], Labels: { 'benchtop.test': '1' } });
    created.push(container.id);
    await container.start();
    const pid = (await container.inspect()).State.Pid;
    expect(pid).toBeGreaterThan(0);
    expect(await containerIdOfPid(pid)).toBe(container.id);
    expect(await containerIdOfPid(process.pid)).toBeNull();
  });

  it('decides toolkit_missing from this engine’s real /info when an NVIDIA GPU is present', async () => {
    const info = (await (await engine.client()).info()) as EngineInfo;
    const gpus = parseNvidiaSmiXml(readFileSync(join(H200, 'nvidia-smi-q-x.xml'), 'utf8')).gpus;
    expect(decideReadiness({ info, remoteEngine: false, platform: 'linux', gpus, verified: false }).state).toBe('toolkit_missing');
    expect(decideReadiness({ info, remoteEngine: false, platform: 'linux', gpus: [], verified: false }).state).toBe('no_gpu');
  });

  it('Test GPU: the engine’s real refusal of a GPU device request maps to toolkit_missing with the fix', async () => {
    const tools = createFakeToolsDir('/usr/bin:/bin');
    try {
      tools.write('nvidia-smi', nvidiaSmiScript({ xml: join(H200, 'nvidia-smi-q-x.xml') }));
      const service = new GpuService({
        engine,
        runner: new ProbeRunner({ env: { PATH: tools.path } }),
        platform: async () => 'linux',
        pciVendors: async () => new Set(),
        testLabels: { 'benchtop.test': '1' },
      });
      const before = await service.inventory();
      expect(before.gpus.map((g) => g.name)).toEqual(['NVIDIA H200']);
      expect(before.readiness.state).toBe('toolkit_missing');
      const result = await service.test('benchtop-test/busybox');
      expect(result.ok).toBe(false);
      expect(result.engineMessage).toBe('could not select device driver "" with capabilities: [[gpu]]');
      expect(result.readiness.state).toBe('toolkit_missing');
      expect(result.readiness.fix).toMatch(/NVIDIA Container Toolkit/);
      const leftovers = await (await engine.client()).listContainers({ all: true, filters: { label: ['benchtop.gpu-test=1', 'benchtop.test=1'] } });
      expect(leftovers).toEqual([]);
    } finally {
      tools.remove();
    }
  });
});
