import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelineScheduler, type ScheduleEvent } from './scheduler.ts';
import { containersOfRun, createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// A tick that falls while the engine is away is missed, not spent: when the engine answers again
// the latest missed tick runs once if still within startingDeadline. Real runs on the real engine;
// only the engine's presence is a switch here (the chaos suite stops a real dockerd instead).
const harness = createPipelineHarness();
afterAll(() => harness.close());

describe('scheduler while the engine is away', { timeout: 60_000 }, () => {
  it('misses the tick, then catches it up once the engine is back (within startingDeadline)', async () => {
    let now = new Date('2026-03-01T00:30:00Z');
    let engineUp = false;
    let release: (back: boolean) => void = () => undefined;
    const scheduler = new PipelineScheduler({
      service: harness.service,
      store: harness.store,
      now: () => now,
      engine: { up: async () => engineUp, back: () => new Promise((resolve) => (release = resolve)) },
    });
    const events: ScheduleEvent[] = [];
    scheduler.onEvent((event) => events.push(event));
    const file = join(harness.home, 'it-sched-engine.yaml');
    writeFileSync(file, pipeline('it-sched-engine', `  labels: { benchtop.test: '1' }\nschedule:\n  cron: ['0 * * * *']\n  timezone: UTC\n  startingDeadline: 30m\nsteps:\n  only:\n    image: ${TEST_IMAGE}\n    command: ['true']\n`));
    await scheduler.enable(file);
    now = new Date('2026-03-01T01:05:00Z');
    await scheduler.start();
    expect(events).toEqual([expect.objectContaining({ tick: '2026-03-01T01:00:00.000Z', runId: null, note: expect.stringMatching(/^missed: the engine is not answering/) })]);
    expect(harness.service.list().filter((r) => r.pipeline === 'it-sched-engine')).toHaveLength(0);
    // The engine answers again at 01:20: the 01:00 tick is within its 30 min deadline and runs once.
    now = new Date('2026-03-01T01:20:00Z');
    engineUp = true;
    release(true);
    for (let i = 0; i < 50 && events.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    scheduler.stop();
    expect(events[1]).toMatchObject({ tick: '2026-03-01T01:00:00.000Z', note: 'started' });
    const runs = harness.service.list().filter((r) => r.pipeline === 'it-sched-engine');
    expect(runs).toHaveLength(1);
    // The caught-up run is a real one: it finishes and leaves no container behind.
    const runId = runs[0].id;
    for (let i = 0; i < 300 && harness.service.get(runId).state === 'running'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.service.get(runId).state).toBe('succeeded');
    expect(containersOfRun(runId)).toEqual([]);
  });
});
