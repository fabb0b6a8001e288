import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { PipelineService } from '../pipelines/service.ts';
import { pipeline, TEST_IMAGE } from '../pipelines/test-support.ts';
import { openStore } from '../store/database.ts';
import { CatalogService } from './service.ts';

// Real engine, real busybox steps, real sqlite: the shipped example registers its models and features.
const home = mkdtempSync(join(tmpdir(), 'benchtop-catalog-int-'));
const store = openStore(join(home, 'benchtop.db'));
const engine = new EngineConnection({ env: process.env });
const catalog = new CatalogService(store, home);
const service = new PipelineService({ store, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' }, onStepSucceeded: catalog.registerStepOutputs });
afterAll(() => {
  engine.close();
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const example = readFileSync(join(import.meta.dirname, '../../../resources/examples/busybox-select/pipeline.yaml'), 'utf8');

describe('registration from pipeline runs', { timeout: 120_000 }, () => {
  it('registers both candidates with lineage and moves champion to the winner without a duplicate', async () => {
    const first = service.startRun({ text: example, useCache: false });
    expect(await first.done).toBe('succeeded');
    const models = catalog.models;
    const model = models.requireModel('busybox-scorer');
    expect(model.versionCount).toBe(2);
    const versions = models.listVersions('busybox-scorer');
    const byStep = Object.fromEntries(versions.map((v) => [v.source.step, v]));
    expect(byStep['train-a']).toMatchObject({ metrics: { score: 0.81, loss: 0.42 }, params: { rows: '100', image: 'busybox:1.36' }, source: { type: 'pipeline', runId: first.runId, attempt: 1 } });
    expect(byStep['train-b']).toMatchObject({ metrics: { score: 0.87, loss: 0.35 }, description: 'Candidate **b**: scores 0.87.' });
    expect(byStep['train-b'].source.imageDigest).toMatch(/^sha256:/);
    expect(byStep['train-b'].signature).toEqual({ inputs: [{ type: 'long', name: 'square', required: true }], outputs: [{ type: 'double', required: true }] });
    expect(byStep['train-b'].inputs).toEqual([{ name: 'table', digest: expect.stringMatching(/^sha256:/), runId: first.runId, step: 'features', artifact: 'table' }]);
    expect(byStep['train-b'].features).toEqual([{ name: 'busybox-rows', version: 1 }]);
    expect(model.aliases).toEqual({ champion: byStep['train-b'].version });

    const lineage = models.versionLineage('busybox-scorer', 'champion');
    const ids = lineage.nodes.map((n) => n.id);
    expect(lineage.nodes.find((n) => n.kind === 'dataset')).toMatchObject({ label: 'pull.raw', runId: first.runId });
    for (const step of ['pull', 'features', 'train-b', 'select']) expect(ids).toContain(`step:${first.runId}/${step}`);
    expect(lineage.edges).toContainEqual({ source: `step:${first.runId}/select`, target: `model_version:${byStep['train-b'].id}`, relation: 'selected' });
    expect(lineage.edges).toContainEqual({ source: `artifact:${first.runId}/pull/raw`, target: `step:${first.runId}/features`, relation: 'consumed' });

    const features = catalog.features.get('busybox-rows');
    expect(features).toMatchObject({
      entity: 'row_id',
      eventTime: 'event_time',
      owner: 'examples',
      features: [
        { name: 'row_id', dtype: 'int64' },
        { name: 'square', dtype: 'int64' },
        { name: 'event_time', dtype: 'timestamp' },
      ],
      latest: { version: 1, rowCount: 100, newestEventTime: '2026-01-28T00:00:00.000Z', runId: first.runId, step: 'features' },
    });
    expect(features.models.map((m) => m.version).sort()).toEqual(versions.map((v) => v.version).sort());

    // A second run: two new candidates, champion moves to the new winner.
    const second = service.startRun({ text: example, useCache: false });
    expect(await second.done).toBe('succeeded');
    const after = models.requireModel('busybox-scorer');
    expect(after.versionCount).toBe(4);
    expect(models.getVersion('busybox-scorer', 'champion')).toMatchObject({ source: { runId: second.runId, step: 'train-b' } });
    expect(models.searchVersions({ filter: 'score > 0.85', name: 'busybox-scorer' }).map((v) => v.source.runId)).toEqual([second.runId, first.runId]);
  });

  it('fails the step when its declared model is missing, and registers nothing', async () => {
    const text = pipeline(
      'catalog-missing-model',
      `  labels: { benchtop.test: '1' }
steps:
  train:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'echo nothing']
    outputs:
      artifacts: { model: { path: /model } }
      model: { name: never-made, path: /model/model.bin }
`,
    );
    const run = service.startRun({ text, useCache: false });
    expect(await run.done).toBe('failed');
    const step = service.get(run.runId).steps[0];
    expect(step.state).toBe('failed');
    expect(step.message).toContain('outputs.model.path /model/model.bin does not exist after step "train" ran');
    expect(catalog.models.getModel('never-made')).toBeNull();
  });
});

const PYTHON_IMAGE = 'benchtop-test/python-ml';
const pythonPresent = (() => {
  try {
    execFileSync('docker', ['image', 'inspect', PYTHON_IMAGE], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('registration from the scikit-learn example', { timeout: 300_000 }, () => {
  it.skipIf(!pythonPresent)(`registers both classifiers with their MLmodel signature and makes the better AUC champion (needs ${PYTHON_IMAGE})`, async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../resources/examples/train-and-select/pipeline.yaml'), 'utf8').replace(
      'name: train-and-select',
      "name: train-and-select\n  labels: { benchtop.test: '1' }",
    );
    const run = service.startRun({ text, params: { image: PYTHON_IMAGE }, useCache: false });
    expect(await run.done).toBe('succeeded');
    const versions = catalog.models.listVersions('breast-cancer-classifier');
    expect(versions).toHaveLength(2);
    for (const version of versions) {
      expect(version).toMatchObject({ flavor: 'sklearn', source: { runId: run.runId }, features: [{ name: 'breast-cancer-features', version: 1 }] });
      expect(version.metrics.auc).toBeGreaterThan(0.9);
      expect((version.signature as { inputs: unknown[] }).inputs).toHaveLength(30);
    }
    const winner = service.get(run.runId).steps.find((s) => s.name === 'select')?.outputs.winner;
    expect(catalog.models.getVersion('breast-cancer-classifier', 'champion').source.step).toBe(winner);
    const features = catalog.features.get('breast-cancer-features');
    expect(features.features).toHaveLength(31);
    expect(features.features.find((f) => f.name === 'target')?.dtype).toBe('int64');
    expect(features.latest?.rowCount).toBe(569);
  });
});
