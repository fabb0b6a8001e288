import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../shared/catalog/model.ts';
import { compareRows, metricPoints } from './compare-rows.ts';

const version = (n: number, metrics: Record<string, number | null>, params: Record<string, string> = {}, tags: Record<string, string> = {}, aliases: string[] = []): ModelVersion => ({
  id: n,
  name: 'm',
  version: n,
  description: '',
  source: { type: 'manual', uri: null, runId: null, step: null, attempt: null, imageDigest: null },
  flavor: null,
  signature: null,
  treeDigest: null,
  fileCount: 0,
  sizeBytes: 0,
  externalId: null,
  status: 'READY',
  userId: null,
  metrics,
  params,
  tags,
  aliases,
  inputs: [],
  features: [],
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
});

describe('compareRows', () => {
  it('lines up metrics, params and tags, flags differences and the best metric', () => {
    const rows = compareRows([version(1, { auc: 0.81, loss: 0.4 }, { seed: '7' }, { team: 'a' }), version(2, { auc: 0.87, loss: 0.4 }, { seed: '7', depth: '3' }, { team: 'b' })]);
    expect(rows).toEqual([
      { section: 'metrics', key: 'auc', values: ['0.81', '0.87'], differs: true, best: 1 },
      { section: 'metrics', key: 'loss', values: ['0.4', '0.4'], differs: false, best: null },
      { section: 'params', key: 'depth', values: [null, '3'], differs: true, best: null },
      { section: 'params', key: 'seed', values: ['7', '7'], differs: false, best: null },
      { section: 'tags', key: 'team', values: ['a', 'b'], differs: true, best: null },
    ]);
  });

  it('marks the lowest loss or error as best', () => {
    const rows = compareRows([version(1, { val_loss: 0.3, error_rate: 0.1 }), version(2, { val_loss: 0.2, error_rate: 0.2 })]);
    expect(rows.map((r) => [r.key, r.best])).toEqual([
      ['error_rate', 0],
      ['val_loss', 1],
    ]);
  });
});

describe('metricPoints', () => {
  it('orders by version and scales into the box; versions without the metric are left out', () => {
    const { points, min, max } = metricPoints([version(3, { auc: 0.9 }, {}, {}, ['champion']), version(1, { auc: 0.8 }), version(2, { loss: 1 })], 'auc', 200, 100, 10);
    expect([min, max]).toEqual([0.8, 0.9]);
    expect(points.map((p) => [p.version, Math.round(p.x), Math.round(p.y), p.label])).toEqual([
      [1, 10, 90, 'v1: 0.8'],
      [3, 190, 10, 'v3 (champion): 0.9'],
    ]);
    expect(metricPoints([version(1, { auc: 0.5 })], 'auc', 200, 100, 10).points[0]).toMatchObject({ x: 100, y: 50 });
  });
});
