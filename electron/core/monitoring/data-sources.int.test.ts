/**
 * The reference and current sources on real parts: a catalog feature-set version (content store,
 * SQLite), a model version whose MLmodel signature names and types the columns, and a step's output
 * artifact from a real pipeline run on the local engine (busybox writes the CSV).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../catalog/service.ts';
import { EngineConnection } from '../engine/connection.ts';
import { PipelineService } from '../pipelines/service.ts';
import { pipeline, TEST_IMAGE } from '../pipelines/test-support.ts';
import { openStore, type Store } from '../store/database.ts';
import { MonitorService } from './monitor-service.ts';
import { writeCreditCsv } from './test-data.ts';

describe('monitor sources', () => {
  let home: string;
  let store: Store;
  let catalog: CatalogService;
  let engine: EngineConnection;
  let pipelines: PipelineService;
  let monitors: MonitorService;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'benchtop-monitor-sources-'));
    store = openStore(join(home, 'benchtop.db'));
    catalog = new CatalogService(store, home);
    engine = new EngineConnection({ env: process.env });
    pipelines = new PipelineService({ store, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' } });
    monitors = new MonitorService({ store, home, catalog, pipelines });
    mkdirSync(join(home, 'features'));
    writeCreditCsv(join(home, 'features', 'credit.csv'), 500, 1);
    await catalog.features.register({ name: 'credit-features', files: { path: join(home, 'features') } });
    mkdirSync(join(home, 'model'));
    writeFileSync(
      join(home, 'model', 'MLmodel'),
      `flavors:\n  sklearn: {}\nsignature:\n  inputs: '[{"name": "income", "type": "double"}, {"name": "age", "type": "long"}, {"name": "plan", "type": "string"}]'\n  outputs: '[{"type": "long"}]'\n`,
    );
    await catalog.models.createVersion({ name: 'credit-model', files: { path: join(home, 'model') }, metrics: { accuracy: 0.91 }, aliases: ['champion'] });
    writeCreditCsv(join(home, 'current.csv'), 400, 2, 0.6);
  });

  afterAll(() => {
    engine.close();
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('reference: a feature-set version; columns and types: the model signature (region is not an input, so not tested)', async () => {
    monitors.save({ name: 'fs', reference: { kind: 'featureSet', name: 'credit-features' }, current: { kind: 'file', path: join(home, 'current.csv') }, model: 'credit-model@champion' });
    const result = await monitors.run('fs');
    expect(result.error).toBeNull();
    const report = result.report!;
    expect(report.reference.source).toBe('feature set credit-features v1 (credit.csv)');
    expect(report.model).toBe('credit-model v1');
    expect(report.columns.map((c) => [c.name, c.kind, c.test])).toEqual([
      ['income', 'numerical', 'ks'],
      ['age', 'numerical', 'ks'],
      ['plan', 'binary', 'ztest'],
    ]);
    expect(report.problems).toContain('the current data has column not tested: region');
  });

  it('current: the output artifact of the latest succeeded run of a pipeline', async () => {
    const rows = ['income,age,plan,region', ...Array.from({ length: 60 }, (_, i) => `${40 + (i % 30)},${30 + (i % 20)},${i % 3 ? 'basic' : 'pro'},north`)].join('\\n');
    const text = pipeline(
      'score-batch',
      `steps:
  score:
    image: ${TEST_IMAGE}
    command: [sh, -c, "mkdir -p /out && printf '${rows}\\\\n' > /out/scored.csv"]
    outputs:
      artifacts: { scored: { path: /out } }
`,
    );
    const { runId, done } = pipelines.startRun({ text, file: null, params: {}, useCache: false });
    expect(await done).toBe('succeeded');
    monitors.save({ name: 'batch', reference: { kind: 'file', path: join(home, 'features', 'credit.csv') }, current: { kind: 'artifact', pipeline: 'score-batch', step: 'score', artifact: 'scored' } });
    const result = await monitors.run('batch');
    expect(result.error).toBeNull();
    expect(result.report?.current).toEqual({ source: `run ${runId} score/scored`, rows: 60 });
    monitors.save({ name: 'batch-missing', reference: { kind: 'file', path: join(home, 'features', 'credit.csv') }, current: { kind: 'artifact', pipeline: 'score-batch', step: 'score', artifact: 'nope' } });
    expect((await monitors.run('batch-missing')).error).toBe(`Run ${runId} step score has no artifact "nope" (it has scored).`);
  }, 120_000);
});
