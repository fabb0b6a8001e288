import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { openStore } from '../store/database.ts';
import { PipelineService } from './service.ts';
import { pipeline, TEST_IMAGE } from './test-support.ts';

// This host has no GPU: the pool is one made-up device id (a fake only for what cannot exist here).
// The real engine then refuses to start the containers, which is enough to see the slots at work.
const home = mkdtempSync(join(tmpdir(), 'benchtop-gpu-slots-'));
const store = openStore(join(home, 'benchtop.db'));
const engine = new EngineConnection({ env: process.env });
afterAll(() => {
  engine.close();
  store.close();
  rmSync(home, { recursive: true, force: true });
});

describe('GPU slots', { timeout: 120_000 }, () => {
  it('hands out specific devices one step at a time and refuses what cannot fit', async () => {
    const service = new PipelineService({
      store,
      docker: () => engine.client(),
      home,
      gpus: async () => ({ deviceIds: ['GPU-fake-0'], readiness: { state: 'verified', cdiDevices: [] } }),
    });
    const step = (gpu: number, extra = '') => `    image: ${TEST_IMAGE}\n    command: ['true']\n    resources: { gpu: ${gpu} }\n${extra}`;
    const { runId, done } = service.startRun({
      text: pipeline('it-gpu', `  labels: { benchtop.test: '1' }\nsteps:\n  g1:\n${step(1)}  g2:\n${step(1)}  big:\n${step(2)}  after-big:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    depends: [big]\n`),
      useCache: false,
    });
    let running = 0;
    let peak = 0;
    const stop = service.subscribe((event) => {
      if (event.type !== 'step' || event.runId !== runId || !event.step.startsWith('g')) return;
      if (event.state === 'running') peak = Math.max(peak, ++running);
      if (event.state === 'errored' || event.state === 'succeeded' || event.state === 'failed') running--;
    });
    await done;
    stop();
    const detail = service.get(runId);
    const byName = Object.fromEntries(detail.steps.map((s) => [s.name, s]));
    expect(peak).toBe(1);
    expect(byName.big).toMatchObject({ state: 'errored', message: 'Step "big" asks for 2 GPU(s) but this machine has 1: lower resources.gpu.' });
    expect(byName['after-big'].state).toBe('upstream_failed');
    // The engine was asked for that very device (no nvidia runtime here, so it refuses).
    expect(byName.g1.state).toBe('errored');
    expect(byName.g1.message).toMatch(/the engine failed: .*(device driver|gpu)/i);
  });

  it('says so when the machine has no GPU', async () => {
    const service = new PipelineService({ store, docker: () => engine.client(), home });
    const { runId, done } = service.startRun({ text: pipeline('it-no-gpu', `steps:\n  g:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    resources: { gpu: 1 }\n`) });
    expect(await done).toBe('failed');
    expect(service.get(runId).steps[0].message).toBe('Step "g" asks for 1 GPU(s) but Benchtop found no GPU it can hand to a container on this machine: lower resources.gpu.');
  });
});
