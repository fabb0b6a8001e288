import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrackingEvent } from '../../../shared/api/methods/tracking.ts';
import { openStore } from '../store/database.ts';
import { TrackingStore } from '../tracking/tracking-store.ts';
import { TrackingEvents } from './tracking-events.ts';

// Real SQLite files: this process's writes through the store, and a second connection standing in
// for another Benchtop process on the same database.
const home = mkdtempSync(join(tmpdir(), 'benchtop-tracking-events-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('TrackingEvents', () => {
  it('reports each write once, as it is committed: metric points, run changes, experiments', () => {
    const store = openStore(join(home, 'a.db'));
    const tracking = new TrackingStore(store);
    const events = new TrackingEvents(tracking);
    const seen: TrackingEvent[] = [];
    const stop = events.subscribe((event) => seen.push(event));
    const experimentId = tracking.createExperiment({ name: 'e' });
    const run = tracking.createRun({ experimentId });
    tracking.logMetric(run.info.run_id, { key: 'loss', value: 0.5, timestamp: 1, step: 0 });
    tracking.logBatch(run.info.run_id, { metrics: [{ key: 'loss', value: 0.4, timestamp: 2, step: 1 }, { key: 'acc', value: Number.NaN, timestamp: 2, step: 1 }], params: [{ key: 'lr', value: '1' }] });
    tracking.updateRun(run.info.run_id, { status: 'FINISHED', endTime: 3 });
    expect(() => tracking.logParam(run.info.run_id, { key: 'lr', value: '2' })).toThrow();
    stop();
    tracking.logMetric(run.info.run_id, { key: 'loss', value: 0.3, timestamp: 4, step: 2 });
    const id = run.info.run_id;
    expect(seen).toEqual([
      { type: 'experiment', experimentId },
      { type: 'run', runId: id, experimentId, status: 'RUNNING' },
      { type: 'metrics', runId: id, experimentId, points: [{ key: 'loss', value: 0.5, timestamp: 1, step: 0 }] },
      { type: 'metrics', runId: id, experimentId, points: [{ key: 'loss', value: 0.4, timestamp: 2, step: 1 }] },
      { type: 'run', runId: id, experimentId, status: 'RUNNING' },
      { type: 'run', runId: id, experimentId, status: 'FINISHED' },
    ]);
    events.close();
    store.close();
  });

  it('notices another connection’s writes through the database file and says "changed", not its own', async () => {
    const path = join(home, 'b.db');
    const store = openStore(path);
    const tracking = new TrackingStore(store);
    const events = new TrackingEvents(tracking);
    const seen: TrackingEvent[] = [];
    events.subscribe((event) => seen.push(event));
    const experimentId = tracking.createExperiment({ name: 'mine' });
    events.check();
    expect(seen.filter((e) => e.type === 'changed')).toEqual([]);
    const other = openStore(path);
    const otherTracking = new TrackingStore(other);
    otherTracking.createRun({ experimentId });
    await expect.poll(() => seen.filter((e) => e.type === 'changed').length, { timeout: 3000 }).toBeGreaterThan(0);
    events.close();
    other.close();
    store.close();
  });
});
