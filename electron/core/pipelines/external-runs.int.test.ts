import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import { EngineConnection } from '../engine/connection.ts';
import { openStore } from '../store/database.ts';
import { PipelineService } from './service.ts';
import { createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// Two services on one database file, each with its own connection, as the web host and a
// `benchtop run` in a terminal are; the steps run on the real engine.
const harness = createPipelineHarness();
const engine = new EngineConnection({ env: process.env });
const otherStore = openStore(join(harness.home, 'benchtop.db'));
const other = new PipelineService({ store: otherStore, docker: () => engine.client(), home: harness.home, labels: { 'benchtop.test': '1' } });
afterAll(() => {
  otherStore.close();
  engine.close();
  harness.close();
});

const text = (name: string) => pipeline(name, `steps:\n  a:\n    image: ${TEST_IMAGE}\n    command: ['true']\n  b:\n    image: ${TEST_IMAGE}\n    depends: [a]\n    command: ['true']\n`);

function waitFor(events: RunEvent[], test: (event: RunEvent) => boolean, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => (events.some(test) ? resolve() : Date.now() - started > ms ? reject(new Error(`no such event in ${JSON.stringify(events)}`)) : setTimeout(look, 50));
    look();
  });
}

describe('run events of other processes', { timeout: 120_000 }, () => {
  it('a listener of every run hears the runs another process starts and ends, once each, and its own runs once', async () => {
    const heard: RunEvent[] = [];
    const stop = harness.service.subscribeAll((event) => heard.push(event));
    try {
      const elsewhere = other.startRun({ text: text('it-external-other'), useCache: false });
      expect(await elsewhere.done).toBe('succeeded');
      await waitFor(heard, (e) => e.type === 'run' && e.runId === elsewhere.runId && e.state === 'succeeded');
      const stepsHeard = heard.filter((e) => e.runId === elsewhere.runId && e.type === 'step').map((e) => (e.type === 'step' ? e.step : ''));
      expect(new Set(stepsHeard)).toEqual(new Set(['a', 'b']));

      const here = harness.service.startRun({ text: text('it-external-here'), useCache: false });
      await here.done;
      // Give the file watcher the time to look at the store after the last write.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ends = (runId: string) => heard.filter((e) => e.type === 'run' && e.runId === runId && e.state !== 'running').length;
      expect([ends(elsewhere.runId), ends(here.runId)]).toEqual([1, 1]);
    } finally {
      stop();
    }
  });
});
