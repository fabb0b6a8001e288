import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/database.ts';
import { ScheduleStore } from './schedule-store.ts';
import { PipelineScheduler } from './scheduler.ts';
import { PipelineService } from './service.ts';

// Tick maths only: no run starts (the one recorded run is created detached), so no engine is needed.
const home = mkdtempSync(join(tmpdir(), 'benchtop-ticks-'));
const store = openStore(join(home, 'benchtop.db'));
const service = new PipelineService({ store, home, docker: () => Promise.reject(new Error('no engine in this test')) });
afterAll(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

function scheduledFile(name: string, schedule: string): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\nschedule:\n${schedule}\nsteps:\n  only:\n    image: benchtop-test/busybox\n    command: ['true']\n`);
  return file;
}

describe('schedule ticks', () => {
  it('lists the next ticks, the missed ones without a run, the one a start-up would catch up, and a backfill preview', async () => {
    let now = new Date('2026-01-01T00:30:00Z');
    const scheduler = new PipelineScheduler({ service, store, now: () => now });
    const file = scheduledFile('ticks-hourly', "  cron: ['0 * * * *']\n  timezone: UTC\n  startingDeadline: 30m");
    await scheduler.enable(file);
    expect(await scheduler.ticks('ticks-hourly', 3)).toEqual({
      pipeline: 'ticks-hourly',
      next: ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z'],
      missed: [],
      missedCount: 0,
      catchUp: null,
      startingDeadlineMs: 30 * 60_000,
      backfill: null,
    });

    // The app was closed from 00:30 to 03:10; the 02:00 tick got its run from a backfill.
    const { runId } = service.startRun({ text: `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ticks-hourly\nsteps:\n  only:\n    image: x\n    command: ['true']\n`, detached: true });
    new ScheduleStore(store).recordRun(runId, 'ticks-hourly', '2026-01-01T02:00:00.000Z');
    now = new Date('2026-01-01T03:10:00Z');
    const later = await scheduler.ticks('ticks-hourly', 1, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-01T05:00:00Z') });
    expect(later).toMatchObject({
      next: ['2026-01-01T04:00:00.000Z'],
      missed: ['2026-01-01T01:00:00.000Z', '2026-01-01T03:00:00.000Z'],
      missedCount: 2,
      catchUp: '2026-01-01T03:00:00.000Z',
      backfill: ['2026-01-01T01:00:00.000Z', '2026-01-01T03:00:00.000Z', '2026-01-01T04:00:00.000Z', '2026-01-01T05:00:00.000Z'],
    });
    // Past the starting deadline nothing is caught up; the missed ticks stay listed for a backfill.
    now = new Date('2026-01-01T03:50:00Z');
    expect(await scheduler.ticks('ticks-hourly', 0)).toMatchObject({ next: [], missedCount: 2, catchUp: null });
  });

  it('a disabled or suspended schedule has no next ticks; an unknown one and an empty range are refused', async () => {
    const scheduler = new PipelineScheduler({ service, store, now: () => new Date('2026-03-01T00:00:00Z') });
    await scheduler.enable(scheduledFile('ticks-suspended', "  cron: ['0 0 * * *']\n  suspend: true"));
    expect((await scheduler.ticks('ticks-suspended', 5)).next).toEqual([]);
    await scheduler.enable(scheduledFile('ticks-daily', "  cron: ['0 0 * * *']\n  timezone: Europe/Paris"));
    expect((await scheduler.ticks('ticks-daily', 2)).next).toEqual(['2026-03-01T23:00:00.000Z', '2026-03-02T23:00:00.000Z']);
    scheduler.disable('ticks-daily');
    expect((await scheduler.ticks('ticks-daily', 2)).next).toEqual([]);
    await expect(scheduler.ticks('nope', 5)).rejects.toThrow(/No schedule for pipeline "nope"/);
    await expect(scheduler.ticks('ticks-suspended', 5, { from: new Date('2026-02-01'), to: new Date('2026-01-01') })).rejects.toThrow(/from before to/);
  });
});
