import { describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../shared/pipeline/run-model.ts';
import { cellOf, compareTable, formatCell, sortRuns, toCsv } from './compare-model.ts';

const run = (id: string, params: Record<string, string>, metrics: Record<string, number>): RunComparison => ({
  id,
  name: `p ${id}`,
  pipeline: 'p',
  state: 'succeeded',
  createdAt: `2026-01-0${id.slice(1)}T00:00:00.000Z`,
  finishedAt: null,
  params,
  metrics,
});
const runs = [run('r1', { rows: '100', model: 'a' }, { 'train.auc': 0.8, 'train.loss': 0 }), run('r2', { rows: '20', model: 'a' }, { 'train.auc': 0.9 }), run('r3', { rows: '3' }, {})];

describe('compare model', () => {
  it('collects params and metrics, marks params that differ (missing counts as different)', () => {
    const table = compareTable(runs);
    expect(table).toEqual({ params: ['model', 'rows'], metrics: ['train.auc', 'train.loss'], differing: new Set(['model', 'rows']) });
    expect(compareTable(runs.slice(0, 2)).differing).toEqual(new Set(['rows']));
  });

  it('a missing metric is null and shown as "—"; a real 0 stays 0', () => {
    expect(cellOf(runs[1], { kind: 'metric', name: 'train.loss' })).toBeNull();
    expect(formatCell(cellOf(runs[1], { kind: 'metric', name: 'train.loss' }))).toBe('—');
    expect(formatCell(cellOf(runs[0], { kind: 'metric', name: 'train.loss' }))).toBe('0');
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
  });

  it('sorts numbers as numbers (numeric params too), text as text, missing always last', () => {
    const ids = (list: RunComparison[]) => list.map((r) => r.id);
    expect(ids(sortRuns(runs, { kind: 'param', name: 'rows' }, 'asc'))).toEqual(['r3', 'r2', 'r1']);
    expect(ids(sortRuns(runs, { kind: 'metric', name: 'train.auc' }, 'desc'))).toEqual(['r2', 'r1', 'r3']);
    expect(ids(sortRuns(runs, { kind: 'metric', name: 'train.auc' }, 'asc'))).toEqual(['r1', 'r2', 'r3']);
    expect(ids(sortRuns(runs, { kind: 'param', name: 'model' }, 'desc'))).toEqual(['r1', 'r2', 'r3']);
    expect(ids(sortRuns(runs, { kind: 'created' }, 'desc'))).toEqual(['r3', 'r2', 'r1']);
  });

  it('exports CSV with an empty field for a missing value and quotes where needed', () => {
    const withComma = [...runs, run('r4', { rows: '1', model: 'x,"y"' }, { 'train.auc': 1 })];
    expect(toCsv(withComma, compareTable(withComma)).split('\r\n')).toEqual([
      'run,pipeline,state,created,param:model,param:rows,metric:train.auc,metric:train.loss',
      'r1,p,succeeded,2026-01-01T00:00:00.000Z,a,100,0.8,0',
      'r2,p,succeeded,2026-01-02T00:00:00.000Z,a,20,0.9,',
      'r3,p,succeeded,2026-01-03T00:00:00.000Z,,3,,',
      'r4,p,succeeded,2026-01-04T00:00:00.000Z,"x,""y""",1,1,',
      '',
    ]);
  });
});
