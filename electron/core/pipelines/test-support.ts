import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import { EngineConnection } from '../engine/connection.ts';
import { openStore, type Store } from '../store/database.ts';
import { PipelineService } from './service.ts';

/** A service on the real engine with its own data folder; step containers carry benchtop.test=1. */
export interface PipelineHarness {
  home: string;
  store: Store;
  service: PipelineService;
  events: RunEvent[];
  close(): void;
}

export const TEST_IMAGE = 'benchtop-test/busybox';

export function createPipelineHarness(): PipelineHarness {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-pipelines-'));
  const store = openStore(join(home, 'benchtop.db'));
  const engine = new EngineConnection({ env: process.env });
  const service = new PipelineService({ store, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' } });
  const events: RunEvent[] = [];
  service.subscribe((event) => events.push(event));
  return {
    home,
    store,
    service,
    events,
    close() {
      engine.close();
      store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Containers of a run still on the engine (should be none once it ends). */
export function containersOfRun(runId: string): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=benchtop.run=${runId}`], { encoding: 'utf8' }).trim();
  return out ? out.split('\n') : [];
}

export function pipeline(name: string, body: string): string {
  return `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\n${body}`;
}
