import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../catalog/catalog-store.ts';
import { openStore, type Store } from '../store/database.ts';
import { TrackingService, type TrackingEndpoint } from './service.ts';
import { requirePeers, runScenario } from './testdata/python-client.ts';

// The real MLflow 3 client (.venv-peers) drives a real server on loopback, over a real SQLite file.

let home: string;
let store: Store;
let catalog: CatalogStore;
let service: TrackingService;
let endpoint: TrackingEndpoint;
let token: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const env = (t = token) => ({ MLFLOW_TRACKING_URI: endpoint.hostUri, MLFLOW_TRACKING_TOKEN: t });

async function call(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${endpoint.hostUri}${path}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  requirePeers();
  home = mkdtempSync(join(tmpdir(), 'benchtop-tracking-int-'));
  store = openStore(join(home, 'benchtop.db'));
  catalog = new CatalogStore(store, home);
  service = new TrackingService({ store, catalog, home, addresses: () => ['127.0.0.1'] });
  service.setPort(await freePort());
  endpoint = await service.ensureServing();
  token = service.issueToken({ kind: 'all' });
});

afterAll(async () => {
  await service?.close();
  store?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('tracking server with the real MLflow client', () => {
  it('experiments, nested runs, params, metrics, batches, artifacts, search, delete and restore', async () => {
    const out = await runScenario(env(), 'tracking');
    expect(out.experiment_by_name).toBe(true);
    expect(out.params).toEqual({ lr: '0.01', depth: '3', batch_param: 'yes' });
    expect(out.metrics).toMatchObject({ loss: 0.1, acc: 0.9, batch: 49, weird: null });
    expect(out.tags).toMatchObject({ stage: 'second', batch_tag: 'yes', 'mlflow.runName': 'parent' });
    expect(out.tags).not.toHaveProperty('tmp');
    expect(out.status).toBe('FINISHED');
    expect(out.history).toEqual(Array.from({ length: 10 }, (_, step) => [step, 1 / (step + 1)]));
    expect(out.artifacts_root).toEqual(['bundle', 'config', 'notes.txt']);
    expect(out.artifacts_bundle).toEqual([
      ['bundle/notes.txt', false],
      ['bundle/plots', true],
    ]);
    expect(out.downloaded).toEqual([
      ['notes.txt', 'hello'],
      ['plots/a.csv', 'x,y\n1,2\n'],
    ]);
    expect(out.config).toEqual({ layers: [1, 2] });
    expect(out.children_filtered).toEqual(['child-2', 'child-1']);
    expect(out.children_all).toBe(3);
    expect(out.by_param).toEqual(['child-2']);
    expect(out.by_name_like).toEqual(['child-0', 'child-1', 'child-2']);
    expect(out.pages).toEqual([
      ['child-0', 'child-1'],
      ['child-2', 'parent'],
    ]);
    expect([out.after_delete, out.deleted_only, out.after_restore]).toEqual([3, 1, 4]);
    expect(out.deleted_experiment_stage).toBe('deleted');
    expect(out.restored_experiment).toBe('active');
    expect(out.experiments).toEqual(['Default', 'renamed', 'scenario']);
    expect(out.experiments_filtered).toEqual(['scenario']);
    // Artifacts live in the content store, kept alive by the run's artifact root.
    const root = store.db.prepare("SELECT tree_digest FROM catalog_artifact_roots WHERE owner_kind = 'mlflow_run' AND owner_id = ?").get(out.run_id as string) as { tree_digest: string };
    expect(catalog.treeEntries(root.tree_digest).map((e) => e.path)).toEqual(['bundle/notes.txt', 'bundle/plots/a.csv', 'config/model.json', 'notes.txt']);
  }, 240_000);

  it('an MLflow 3 pyfunc model: logged model, register_model into the catalog with lineage, aliases, load by alias', async () => {
    const out = await runScenario(env(), 'models');
    expect(out.logged_status).toBe('READY');
    expect(out.logged_source_run).toBe(true);
    expect(out.logged_search).toEqual([out.model_id]);
    expect(out.logged_tags).toMatchObject({ quality: 'good' });
    expect([out.version, out.second_version]).toEqual(['1', '2']);
    expect(out.alias_version).toBe('1');
    expect(out.registered_aliases).toEqual({ champion: '1' });
    expect(out.version_tags).toEqual({ validated: 'true' });
    expect(out.versions_of_run).toEqual(['1', '2']);
    expect(out.prediction).toEqual([2, 4]);
    expect(out.registered_search).toEqual(['doubler']);
    expect(out.alias_after_delete).toBe('RESOURCE_DOES_NOT_EXIST');
    // The catalog holds the version with the model's files, the run's metrics and params, and lineage.
    const version = catalog.getVersion('doubler', 1);
    expect(version.fileCount).toBeGreaterThanOrEqual(3);
    expect(version.flavor).toBe('python_function');
    expect(version.metrics).toEqual({ rmse: 0.25 });
    expect(version.params).toEqual({ alpha: '0.5' });
    expect(version.source).toMatchObject({ type: 'mlflow', runId: out.run_id });
    expect(catalog.versionLineage('doubler', 1).edges).toContainEqual({ source: `mlflow_run:${out.run_id as string}`, target: `model_version:${version.id}`, relation: 'registered_as' });
  }, 240_000);

  it("each MLflow error case raises the client's MlflowException with MLflow's error code", async () => {
    const out = await runScenario(env(), 'errors');
    expect(out).toEqual({
      missing_run: 'RESOURCE_DOES_NOT_EXIST',
      missing_experiment: 'RESOURCE_DOES_NOT_EXIST',
      missing_experiment_by_name: 'None',
      duplicate_experiment: 'RESOURCE_ALREADY_EXISTS',
      param_changed: 'INVALID_PARAMETER_VALUE',
      param_same: 'no error',
      bad_metric_key: 'INVALID_PARAMETER_VALUE',
      bad_filter: 'INVALID_PARAMETER_VALUE',
      or_filter: 'INVALID_PARAMETER_VALUE',
      missing_model: 'RESOURCE_DOES_NOT_EXIST',
      missing_version: 'RESOURCE_DOES_NOT_EXIST',
      duplicate_model: 'RESOURCE_ALREADY_EXISTS',
      missing_logged_model: 'RESOURCE_DOES_NOT_EXIST',
      delete_missing_tag: 'RESOURCE_DOES_NOT_EXIST',
      long_param: 'INVALID_PARAMETER_VALUE',
      log_to_deleted: 'INVALID_PARAMETER_VALUE',
    });
  }, 240_000);

  it('a wrong token is UNAUTHENTICATED; a run-scoped token writes its run and child runs only (403, nothing written)', async () => {
    expect((await runScenario(env('btk_not-a-token'), 'bad_token')).code).toBe('UNAUTHENTICATED');
    expect((await call('GET', '/api/2.0/mlflow/experiments/search', undefined, null)).json.error_code).toBe('UNAUTHENTICATED');
    const experiment = service.store.getOrCreateExperiment('scoped-pipeline');
    const mine = service.store.createRun({ experimentId: experiment.experiment_id, runName: 'train' }).info.run_id;
    const other = service.store.createRun({ experimentId: experiment.experiment_id, runName: 'eval' }).info.run_id;
    const stepToken = service.issueToken({ kind: 'run', runId: mine });
    const out = await runScenario(env(stepToken), 'auth', mine, other, experiment.experiment_id);
    expect(out).toMatchObject({
      own_run: 'written',
      other_run: 'PERMISSION_DENIED',
      other_run_param: 'PERMISSION_DENIED',
      create_experiment: 'PERMISSION_DENIED',
      top_level_run: 'PERMISSION_DENIED',
      child_run: 'written',
      read_default_experiment: 'PERMISSION_DENIED',
      read_own_experiment: true,
      fluent_run: true,
    });
    const otherRun = service.store.requireRun(other);
    expect(otherRun.data.metrics).toEqual([]);
    expect(otherRun.data.params).toEqual([]);
    const denied = await call('POST', '/api/2.0/mlflow/runs/log-metric', { run_id: other, key: 'x', value: 1, timestamp: 1 }, stepToken);
    expect(denied.status).toBe(403);
  }, 240_000);

  it('bad input over HTTP: malformed JSON, unknown endpoints, oversize batches, with MLflow-shaped errors and statuses', async () => {
    const run = service.store.createRun({ experimentId: '0' }).info.run_id;
    expect(await call('POST', '/api/2.0/mlflow/runs/log-batch', '{not json')).toMatchObject({ status: 400, json: { error_code: 'MALFORMED_REQUEST' } });
    expect(await call('GET', '/api/2.0/mlflow/no/such/thing')).toMatchObject({ status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND' } });
    expect(await call('GET', '/api/2.0/mlflow/runs/log-batch')).toMatchObject({ status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND' } });
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: i, step: i }));
    expect(await call('POST', '/api/2.0/mlflow/runs/log-batch', { run_id: run, metrics })).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' }));
    expect((await call('POST', '/api/2.0/mlflow/runs/log-batch', { run_id: run, params })).status).toBe(400);
    const big = [{ key: 'big', value: 'x'.repeat(5000) }];
    const tags = Array.from({ length: 100 }, (_, i) => ({ key: `t${i}`, value: big[0].value.repeat(3) }));
    expect(await call('POST', '/api/2.0/mlflow/runs/log-batch', { run_id: run, tags })).toMatchObject({ status: 400, json: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(service.store.requireRun(run).data.metrics).toEqual([]);
    expect(await call('GET', `/api/2.0/mlflow/runs/get?run_id=${'0'.repeat(32)}`)).toMatchObject({ status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    // The web UI's prefix answers the same routes.
    expect((await call('GET', `/ajax-api/2.0/mlflow/runs/get?run_id=${run}`)).status).toBe(200);
    const health = await fetch(`${endpoint.hostUri}/health`);
    expect(await health.text()).toBe('OK');
  });

  it('eight clients logging at once lose no point', async () => {
    const run = service.store.createRun({ experimentId: '0', runName: 'concurrent' }).info.run_id;
    const points = 200;
    await Promise.all(Array.from({ length: 8 }, (_, i) => runScenario(env(), 'writer', run, String(i), String(points))));
    const counts = store.db.prepare('SELECT key, count(*) AS n FROM mlflow_metrics WHERE run_id = ? GROUP BY key ORDER BY key').all(run) as { key: string; n: number }[];
    expect(counts).toEqual(Array.from({ length: 8 }, (_, i) => ({ key: `w${i}`, n: points })));
    expect(service.store.requireRun(run).data.params).toHaveLength(8);
  }, 240_000);
});
