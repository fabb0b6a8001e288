import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelineScheduler, type ScheduleEvent } from './scheduler.ts';
import { createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// The scheduler with a fixed clock, starting real busybox runs.
const harness = createPipelineHarness();
afterAll(() => harness.close());

function scheduledFile(name: string, schedule: string, command = "['true']"): string {
  const file = join(harness.home, `${name}.yaml`);
  writeFileSync(file, pipeline(name, `  labels: { benchtop.test: '1' }\nschedule:\n${schedule}\nsteps:\n  only:\n    image: ${TEST_IMAGE}\n    command: ${command}\n    env: { NAME: ${name} }\n`));
  return file;
}

describe('pipeline scheduler', { timeout: 120_000 }, () => {
  it('after downtime runs the latest missed tick once, within the starting deadline; Forbid skips a tick while a run is running', async () => {
    let now = new Date('2026-01-01T00:30:00Z');
    const scheduler = new PipelineScheduler({ service: harness.service, store: harness.store, now: () => now });
    const events: ScheduleEvent[] = [];
    scheduler.onEvent((event) => events.push(event));
    const file = scheduledFile('it-sched-catchup', "  cron: ['0 * * * *']\n  timezone: UTC\n  startingDeadline: 30m", "[sleep, '3']");
    const info = await scheduler.enable(file);
    expect(info).toMatchObject({ pipeline: 'it-sched-catchup', enabled: true, nextTick: '2026-01-01T01:00:00.000Z', concurrency: 'Forbid' });
    now = new Date('2026-01-01T05:10:00Z');
    await scheduler.start();
    scheduler.stop();
    expect(events.map((e) => [e.tick, e.note])).toEqual([['2026-01-01T05:00:00.000Z', 'started']]);
    const runs = harness.service.list().filter((r) => r.pipeline === 'it-sched-catchup');
    expect(runs).toHaveLength(1);
    now = new Date('2026-01-01T06:00:00Z');
    await scheduler.start();
    scheduler.stop();
    expect(events[1]).toMatchObject({ tick: '2026-01-01T06:00:00.000Z', runId: null, note: `skipped: run ${runs[0].id} is still running (concurrency Forbid)` });
    now = new Date('2026-01-01T09:00:00Z');
    await scheduler.start();
    scheduler.stop();
    expect(events[2].note).toMatch(/^(started|skipped: run .* is still running \(concurrency Forbid\))$/);
    for (const run of harness.service.list().filter((r) => r.pipeline === 'it-sched-catchup' && r.state === 'running')) await harness.service.cancel(run.id);
  });

  it('backfills one run per tick, never twice for the same tick', async () => {
    const scheduler = new PipelineScheduler({ service: harness.service, store: harness.store, now: () => new Date('2026-02-01T00:00:00Z') });
    await scheduler.enable(scheduledFile('it-sched-backfill', "  cron: ['0 0 * * *']\n  timezone: Europe/Paris"));
    const first = await scheduler.backfill('it-sched-backfill', new Date('2026-01-10T00:00:00Z'), new Date('2026-01-13T00:00:00Z'), 2);
    expect(first).toHaveLength(3);
    expect(first.map((id) => harness.service.get(id).state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(await scheduler.backfill('it-sched-backfill', new Date('2026-01-10T00:00:00Z'), new Date('2026-01-13T00:00:00Z'))).toEqual([]);
    scheduler.disable('it-sched-backfill');
    expect((await scheduler.list()).find((s) => s.pipeline === 'it-sched-backfill')).toMatchObject({ enabled: false, nextTick: null });
  });
});
