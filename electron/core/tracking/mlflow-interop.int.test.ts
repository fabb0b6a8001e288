import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../catalog/catalog-store.ts';
import { exportMlflow } from '../catalog/mlflow/export.ts';
import { importMlflow } from '../catalog/mlflow/import.ts';
import { openStore, type Store } from '../store/database.ts';
import { TrackingService, type TrackingEndpoint } from './service.ts';
import { requirePeers, runScenario } from './testdata/python-client.ts';

// Live-logged runs leave Benchtop through `mlflow export` and the real MLflow reads them back the
// same; an mlflow.db written by the real MLflow 3 comes in through `mlflow import`, twice.

let home: string;
let store: Store;
let catalog: CatalogStore;
let service: TrackingService;
let endpoint: TrackingEndpoint;
let token: string;

beforeAll(async () => {
  requirePeers();
  home = mkdtempSync(join(tmpdir(), 'benchtop-tracking-interop-'));
  store = openStore(join(home, 'benchtop.db'));
  catalog = new CatalogStore(store, home);
  service = new TrackingService({ store, catalog, home, addresses: () => ['127.0.0.1'] });
  service.setPort(
    await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    }),
  );
  endpoint = await service.ensureServing();
  token = service.issueToken({ kind: 'all' });
});

afterAll(async () => {
  await service?.close();
  store?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('MLflow interop of live-logged runs', () => {
  it("exports live-logged runs with params, metrics and artifacts: the real MLflow's search_runs over the export equals Benchtop's view", async () => {
    const server = { MLFLOW_TRACKING_URI: endpoint.hostUri, MLFLOW_TRACKING_TOKEN: token };
    await runScenario(server, 'tracking');
    const ours = await runScenario(server, 'view');
    const target = join(home, 'export');
    const summary = await exportMlflow(store, catalog, target);
    expect(summary.runs).toBe((ours.runs as unknown[]).length);
    expect(summary.artifactFiles).toBeGreaterThanOrEqual(4);
    const theirs = await runScenario({ MLFLOW_TRACKING_URI: pathToFileURL(target).href, MLFLOW_ALLOW_FILE_STORE: 'true' }, 'view');
    expect(theirs).toEqual(ours);
  }, 300_000);

  it('imports an mlflow.db written by the real MLflow 3 (runs, logged model, registry), and again without changing anything', async () => {
    const folder = join(home, 'written');
    mkdirSync(folder);
    const written = await runScenario({}, 'write_db', folder);
    const first = await importMlflow(store, catalog, join(folder, 'mlflow.db'));
    expect(first.runs.added).toBe(2);
    expect(first.versions.added).toBe(1);
    const run = service.store.requireRun(written.run_id as string);
    expect(run.data.params).toEqual(expect.arrayContaining([{ key: 'alpha', value: '0.1' }]));
    expect(service.store.getMetricHistory(written.run_id as string, 'loss').items).toHaveLength(5);
    expect(first.loggedModels.added).toBe(1);
    const version = catalog.getVersion('from-mlflow-db', 'champion');
    expect(version.version).toBe(Number(written.version));
    // The version's files are the logged model's (MLflow 3 registers models:/m-…), served by the tracking API too.
    expect(version.flavor).toBe('python_function');
    expect(version.fileCount).toBeGreaterThanOrEqual(3);
    expect(service.store.requireLoggedModel(written.model_id as string).info.status).toBe('LOGGED_MODEL_READY');
    const second = await importMlflow(store, catalog, join(folder, 'mlflow.db'));
    for (const part of [second.experiments, second.runs, second.loggedModels, second.registeredModels, second.versions]) expect(part.added + part.updated).toBe(0);
    expect(second.metricPointsAdded).toBe(0);
  }, 300_000);
});
