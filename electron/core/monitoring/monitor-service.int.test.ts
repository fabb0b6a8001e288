/**
 * The monitoring loop on real parts: a SQLite store, CSV files, an injected endpoint capture (a
 * frame built here: serving's capture is wired by the app), and a real pipeline run on the local
 * engine whose step is gated with `when: monitors.credit.drift_share > 0.3`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../../shared/monitoring/monitor-model.ts';
import { seededRandom } from '../../../shared/monitoring/seeded-random.ts';
import { EngineConnection } from '../engine/connection.ts';
import { PipelineService } from '../pipelines/service.ts';
import { pipeline, TEST_IMAGE } from '../pipelines/test-support.ts';
import { openStore, type Store } from '../store/database.ts';
import type { CapturedFrame } from './data-sources.ts';
import { MonitorService } from './monitor-service.ts';
import { writeCreditCsv } from './test-data.ts';
import { monitorWhenResolver } from './when-values.ts';

describe('monitors', () => {
  let home: string;
  let store: Store;
  let monitors: MonitorService;
  let captured: CapturedFrame;
  let now = Date.parse('2026-12-07T10:00:00Z');
  const events: MonitorEvent[] = [];

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'benchtop-monitors-'));
    store = openStore(join(home, 'benchtop.db'));
    writeCreditCsv(join(home, 'reference.csv'), 800, 1);
    writeCreditCsv(join(home, 'same.csv'), 600, 2);
    writeCreditCsv(join(home, 'shifted.csv'), 600, 3, 0.6);
    const random = seededRandom(9);
    captured = { columns: ['income', 'age', 'plan', 'region'], rows: [], predictions: [], requestIds: [], times: [] };
    monitors = new MonitorService({
      store,
      home,
      now: () => now,
      captureFrame: (endpoint, window) => {
        expect(endpoint).toBe('credit-endpoint');
        const keep = captured.times.map((t, i) => (t >= window.sinceMs && t <= window.untilMs ? i : -1)).filter((i) => i >= 0);
        return { columns: captured.columns, rows: keep.map((i) => captured.rows[i]), predictions: keep.map((i) => captured.predictions[i]), requestIds: keep.map((i) => captured.requestIds[i]), times: keep.map((i) => captured.times[i]) };
      },
    });
    for (let i = 0; i < 400; i++) {
      captured.rows.push([random.normal(65, 10), Math.round(random.normal(46, 9)), random.uniform() < 0.6 ? 'pro' : 'basic', 'north']);
      captured.predictions.push(random.uniform() < 0.5 ? 1 : 0);
      captured.requestIds.push(`r${i}`);
      captured.times.push(now - 30 * 60_000 + i * 1000);
    }
    monitors.subscribe((event) => events.push(event));
  });

  afterAll(() => {
    monitors.stop();
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('no shift: ok; shifted current data: an alert naming the drifted columns, and a time series', async () => {
    monitors.save({ name: 'credit', reference: { kind: 'file', path: join(home, 'reference.csv') }, current: { kind: 'file', path: join(home, 'same.csv') }, thresholds: { driftShare: 0.5 } });
    const calm = await monitors.run('credit');
    expect(calm.status).toBe('ok');
    expect(calm.driftShare).toBeLessThan(0.5);
    now += 60_000;
    monitors.save({ name: 'credit', reference: { kind: 'file', path: join(home, 'reference.csv') }, current: { kind: 'file', path: join(home, 'shifted.csv') }, thresholds: { driftShare: 0.5 } });
    const shifted = await monitors.run('credit');
    expect(shifted.status).toBe('alert');
    expect(shifted.driftShare).toBeGreaterThanOrEqual(0.5);
    expect(shifted.alerts[0]).toMatch(/^drift in 3 of 4 columns \(share 0\.750 ≥ 0\.5\): income, age, plan$/);
    expect(shifted.report?.columns.find((c) => c.name === 'region')?.drifted).toBe(false);
    expect(events.map((e) => e.result.status)).toEqual(['ok', 'alert']);
    const detail = monitors.detail('credit');
    expect(detail.results.map((r) => r.status)).toEqual(['ok', 'alert']);
    expect(detail.latest?.report?.columns).toHaveLength(4);
    expect(monitors.whenValues('credit')).toMatchObject({ drift_share: 0.75, dataset_drifted: true, alert: true });
  });

  it('an endpoint capture over the last window, labels joined by request id (quality alert), and a tiny window refused', async () => {
    writeFileSync(join(home, 'labels.csv'), 'request_id,label\n' + captured.requestIds.map((id, i) => `${id},${i % 3 === 0 ? 1 - (captured.predictions[i] as number) : captured.predictions[i]}`).join('\n') + '\n');
    monitors.save({
      name: 'served',
      reference: { kind: 'file', path: join(home, 'reference.csv') },
      current: { kind: 'endpoint', endpoint: 'credit-endpoint', window: '1h' },
      labels: { kind: 'file', path: join(home, 'labels.csv'), idColumn: 'request_id', labelColumn: 'label' },
      thresholds: { driftShare: 0.5, quality: [{ metric: 'accuracy', min: 0.9 }] },
    });
    const result = await monitors.run('served');
    expect(result.report?.current.rows).toBe(400);
    expect(result.status).toBe('alert');
    expect(result.report?.quality?.task).toBe('classification');
    expect(result.quality.accuracy).toBeCloseTo(266 / 400, 12);
    expect(result.alerts).toContain('accuracy 0.665 < 0.9');
    expect(result.windowEnd! - result.windowStart!).toBe(3_600_000);
    monitors.save({ name: 'served-tiny', reference: { kind: 'file', path: join(home, 'reference.csv') }, current: { kind: 'endpoint', endpoint: 'credit-endpoint', window: '10s' } });
    const tiny = await monitors.run('served-tiny');
    expect(tiny.status).toBe('refused');
    expect(tiny.driftShare).toBeNull();
    expect(tiny.report?.columns[0].refusal).toMatch(/^need ≥ 30 rows in the current window, have \d+$/);
  });

  it('bad specs are refused with the reason, nothing written', () => {
    expect(() => monitors.save({ name: 'Bad Name', reference: { kind: 'file', path: 'x' }, current: { kind: 'file', path: 'y' } })).toThrow(/name/);
    expect(() => monitors.save({ name: 'cron', reference: { kind: 'file', path: 'x' }, current: { kind: 'file', path: 'y' }, schedule: { cron: 'every day' } })).toThrow(/not a cron expression/);
    expect(monitors.list().map((m) => m.name)).toEqual(['credit', 'served', 'served-tiny']);
  });

  it('a missing file is an error result, not a crash', async () => {
    expect(() => monitors.save({ name: 'missing', reference: { kind: 'file', path: join(home, 'nope.csv') }, current: { kind: 'file', path: join(home, 'same.csv') } })).toThrow(`Monitor missing: the reference file ${join(home, 'nope.csv')} does not exist.`);
    writeCreditCsv(join(home, 'gone.csv'), 100, 5);
    monitors.save({ name: 'missing', reference: { kind: 'file', path: join(home, 'gone.csv') }, current: { kind: 'file', path: join(home, 'same.csv') } });
    rmSync(join(home, 'gone.csv'));
    const result = await monitors.run('missing');
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/gone\.csv does not exist/);
    monitors.delete('missing');
  });

  it('runs on its cron schedule', async () => {
    const scheduled = new MonitorService({ store, home });
    scheduled.save({ name: 'every-second', reference: { kind: 'file', path: join(home, 'reference.csv') }, current: { kind: 'file', path: join(home, 'same.csv') }, schedule: { cron: '* * * * * *' } });
    const got = new Promise<MonitorEvent>((resolve) => scheduled.subscribe(resolve));
    scheduled.start();
    const event = await got;
    scheduled.stop();
    expect(event.monitor).toBe('every-second');
    expect(event.result.status).toBe('ok');
    scheduled.delete('every-second');
  });

  it('a pipeline step gated with when: monitors.credit.drift_share > 0.3 runs; one gated on < 0.3 is skipped', async () => {
    const engine = new EngineConnection({ env: process.env });
    const pipelines = new PipelineService({ store, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' }, whenResolver: monitorWhenResolver((name) => monitors.whenValues(name)) });
    try {
      const text = pipeline(
        'retrain-on-drift',
        `steps:
  retrain:
    image: ${TEST_IMAGE}
    command: [sh, -c, "echo retraining"]
    when: "monitors.credit.drift_share > 0.3"
  keep:
    image: ${TEST_IMAGE}
    command: [sh, -c, "echo keeping"]
    when: "monitors.credit.drift_share < 0.3"
  unknown:
    image: ${TEST_IMAGE}
    command: [sh, -c, "echo never"]
    when: "monitors.nosuch.drift_share > 0.3"
`,
      );
      const { runId, done } = pipelines.startRun({ text, file: null, params: {}, useCache: false });
      await done;
      const detail = pipelines.get(runId);
      const states = Object.fromEntries(detail.steps.map((s) => [s.name, [s.state, s.message]]));
      expect(states.retrain[0]).toBe('succeeded');
      expect(states.keep).toEqual(['skipped', 'skipped: when "monitors.credit.drift_share < 0.3" is false']);
      expect(states.unknown[0]).toBe('errored');
      expect(states.unknown[1]).toMatch(/monitor nosuch has no result yet/);
    } finally {
      engine.close();
    }
  }, 120_000);
});
