import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/database.ts';
import { Access } from './access.ts';
import { MlflowError } from './errors.ts';
import { TokenIssuer } from './tokens.ts';
import { TrackingStore } from './tracking-store.ts';

let home: string;
let store: Store;
let tracking: TrackingStore;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'benchtop-tracking-store-'));
  store = openStore(join(home, 'benchtop.db'));
  tracking = new TrackingStore(store);
});
afterEach(() => {
  store.close();
  rmSync(home, { recursive: true, force: true });
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MlflowError) return error.errorCode;
    throw error;
  }
  return 'no error';
}

describe('TrackingStore', () => {
  it('has the Default experiment (id 0) and creates, finds and refuses duplicate experiments', () => {
    expect(tracking.getExperiment('0')?.name).toBe('Default');
    const id = tracking.createExperiment({ name: 'exp', tags: [{ key: 'team', value: 'a' }] });
    expect(tracking.getExperimentByName('exp')).toMatchObject({ experiment_id: id, artifact_location: `mlflow-artifacts:/${id}`, tags: [{ key: 'team', value: 'a' }] });
    expect(code(() => tracking.createExperiment({ name: 'exp' }))).toBe('RESOURCE_ALREADY_EXISTS');
    expect(tracking.getOrCreateExperiment('exp').experiment_id).toBe(id);
    expect(tracking.getOrCreateExperiment('other').experiment_id).not.toBe(id);
    expect(code(() => tracking.requireExperiment('999'))).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('params are immutable, tags overwritable, metrics append-only with MLflow latest rule', () => {
    const exp = tracking.createExperiment({ name: 'e' });
    const run = tracking.createRun({ experimentId: exp, runName: 'train', tags: [{ key: 't', value: '1' }] });
    expect(run.info.run_name).toBe('train');
    expect(run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'train' });
    const id = run.info.run_id;
    tracking.logBatch(id, { params: [{ key: 'lr', value: '0.1' }] });
    tracking.logBatch(id, { params: [{ key: 'lr', value: '0.1' }] });
    expect(code(() => tracking.logBatch(id, { params: [{ key: 'lr', value: '0.2' }], metrics: [{ key: 'x', value: 1, timestamp: 1 }] }))).toBe('INVALID_PARAMETER_VALUE');
    expect(tracking.getMetricHistory(id, 'x').items).toEqual([]); // nothing of the failed batch was written
    tracking.setTag(id, { key: 't', value: '2' });
    tracking.logBatch(id, {
      metrics: [
        { key: 'loss', value: 5, timestamp: 100, step: 3 },
        { key: 'loss', value: 9, timestamp: 50, step: 1 },
        { key: 'loss', value: 7, timestamp: 200, step: 3 },
        { key: 'loss', value: 7, timestamp: 200, step: 3 },
        { key: 'nan', value: Number.NaN, timestamp: 1 },
      ],
    });
    const got = tracking.requireRun(id);
    expect(got.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(got.data.tags).toContainEqual({ key: 't', value: '2' });
    expect(got.data.metrics.find((m) => m.key === 'loss')).toEqual({ key: 'loss', value: 7, timestamp: 200, step: 3 });
    expect(Number.isNaN(got.data.metrics.find((m) => m.key === 'nan')!.value)).toBe(true);
    expect(tracking.getMetricHistory(id, 'loss').items.map((m) => m.value)).toEqual([9, 5, 7]);
  });

  it('checks batch limits and keys before writing', () => {
    const run = tracking.createRun({ experimentId: '0' }).info.run_id;
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: i }));
    expect(code(() => tracking.logBatch(run, { metrics }))).toBe('INVALID_PARAMETER_VALUE');
    expect(code(() => tracking.logBatch(run, { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' })) }))).toBe('INVALID_PARAMETER_VALUE');
    expect(code(() => tracking.logBatch(run, { metrics: [{ key: '../x', value: 1, timestamp: 1 }] }))).toBe('INVALID_PARAMETER_VALUE');
    expect(code(() => tracking.logBatch(run, { params: [{ key: 'k', value: 'v'.repeat(6001) }] }))).toBe('INVALID_PARAMETER_VALUE');
    expect(code(() => tracking.logBatch('nope', { params: [{ key: 'k', value: 'v' }] }))).toBe('RESOURCE_DOES_NOT_EXIST');
    tracking.deleteRun(run);
    expect(code(() => tracking.logBatch(run, { params: [{ key: 'k', value: 'v' }] }))).toBe('INVALID_PARAMETER_VALUE');
    tracking.restoreRun(run);
    tracking.logBatch(run, { params: [{ key: 'k', value: 'v' }] });
  });

  it('searches runs with the filter grammar, order_by and page tokens', () => {
    const exp = tracking.createExperiment({ name: 's' });
    for (let i = 0; i < 10; i++) {
      const run = tracking.createRun({ experimentId: exp, runName: `r${i}`, startTime: 1000 + i });
      tracking.logBatch(run.info.run_id, { metrics: [{ key: 'acc', value: i / 10, timestamp: 1 }], params: [{ key: 'kind', value: i % 2 ? 'odd' : 'even' }] });
    }
    const names = (filter: string, orderBy?: string[]) => tracking.searchRuns({ experimentIds: [exp], filter, orderBy }).items.map((r) => r.info.run_name);
    expect(names("metrics.acc >= 0.7 and params.kind = 'odd'")).toEqual(['r9', 'r7']);
    expect(names("attributes.run_name LIKE 'r1%'")).toEqual(['r1']);
    expect(names('', ['metrics.acc ASC']).slice(0, 2)).toEqual(['r0', 'r1']);
    const first = tracking.searchRuns({ experimentIds: [exp], maxResults: 4 });
    expect(first.items).toHaveLength(4);
    const second = tracking.searchRuns({ experimentIds: [exp], maxResults: 4, pageToken: first.nextPageToken });
    expect(second.items[0].info.run_name).toBe('r5');
    expect(code(() => tracking.searchRuns({ experimentIds: [exp], filter: 'metrics.acc > abc' }))).toBe('INVALID_PARAMETER_VALUE');
  });

  it('scopes tokens: a run token writes its run and child runs only; tokens survive reopening', () => {
    const tokens = new TokenIssuer(store);
    const exp = tracking.createExperiment({ name: 'scoped' });
    const mine = tracking.createRun({ experimentId: exp }).info.run_id;
    const other = tracking.createRun({ experimentId: exp }).info.run_id;
    const token = tokens.issue({ kind: 'run', runId: mine });
    const access = new Access(tokens.resolve(token)!, tracking);
    access.writeRun(mine);
    access.createRun(exp, mine);
    const child = tracking.createRun({ experimentId: exp, parentRunId: mine }).info.run_id;
    access.writeRun(child);
    expect(code(() => access.writeRun(other))).toBe('PERMISSION_DENIED');
    expect(code(() => access.createRun(exp, null))).toBe('PERMISSION_DENIED');
    expect(code(() => access.readExperiment('0'))).toBe('PERMISSION_DENIED');
    access.readExperiment(exp);
    store.close();
    store = openStore(join(home, 'benchtop.db'));
    tracking = new TrackingStore(store);
    expect(new TokenIssuer(store).resolve(token)).toEqual({ kind: 'run', runId: mine });
    expect(new TokenIssuer(store).resolve('btk_wrong')).toBeNull();
  });
});
