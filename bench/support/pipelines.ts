import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineConnection } from '../../electron/core/engine/connection.ts';
import { PipelineService } from '../../electron/core/pipelines/service.ts';
import { openStore } from '../../electron/core/store/database.ts';

export const IMAGE = 'benchtop-test/busybox';
export const STEPS = 30;

/** 30 busybox `true` steps in two chains: step i waits for step i−2. */
export function chainPipeline(name: string, parallelism: number): string {
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const depends = i >= 2 ? `\n    depends: [s${i - 2}]` : '';
    // Each step its own env, so that no two steps share a cache key.
    return `  s${i}:\n    image: ${IMAGE}\n    command: ['true']\n    env: { BENCH_STEP: s${i} }${depends}`;
  }).join('\n');
  return `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\n  labels: { benchtop.test: '1' }\nparallelism: ${parallelism}\nsteps:\n${steps}\n`;
}

export function benchService(): { service: PipelineService; close(): void } {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-bench-'));
  const store = openStore(join(home, 'benchtop.db'));
  const engine = new EngineConnection({ env: process.env });
  const service = new PipelineService({ store, docker: () => engine.client(), home });
  return {
    service,
    close() {
      engine.close();
      store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function timedRun(service: PipelineService, text: string, useCache: boolean): Promise<number> {
  const started = performance.now();
  const { runId, done } = service.startRun({ text, useCache });
  const state = await done;
  const elapsed = performance.now() - started;
  if (state !== 'succeeded') throw new Error(`run ${runId} ended ${state}: ${service.get(runId).message ?? ''}`);
  return elapsed;
}

