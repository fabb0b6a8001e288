/**
 * The tracking server against MLflow's own (`mlflow server --backend-store-uri sqlite:///…` from
 * .venv-peers, on loopback), in the same run, with the same Python client workload
 * (bench/support/tracking_workload.py, the real MlflowClient):
 *   (a) 100 runs, each one log_batch of 1,000 metric points (median per batch);
 *   (b) search_runs with a metric filter over 10,000 runs (999 match; median of 10);
 *   (c) get_metric_history of one metric with 100,000 points (median of 5).
 * The 10,000 runs and the long history are written straight into each server's database (seeding
 * is not measured). Ends with `tracking: ratio=R target<=0.5`: the worst Benchtop/MLflow median.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogStore } from '../electron/core/catalog/catalog-store.ts';
import { openStore } from '../electron/core/store/database.ts';
import { TrackingService } from '../electron/core/tracking/service.ts';
import { median } from './support/median.ts';

const PYTHON = fileURLToPath(new URL('../.venv-peers/bin/python', import.meta.url));
const MLFLOW = fileURLToPath(new URL('../.venv-peers/bin/mlflow', import.meta.url));
const WORKLOAD = fileURLToPath(new URL('./support/tracking_workload.py', import.meta.url));
const RUNS = 10_000;
const HISTORY_POINTS = 100_000;
const FILTER = 'metrics.acc > 0.9';

interface Target {
  name: string;
  uri: string;
  token: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function workload(target: Target, ...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON,
      [WORKLOAD, ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', MLFLOW_TRACKING_URI: target.uri, MLFLOW_TRACKING_TOKEN: target.token, PYTHONWARNINGS: 'ignore' }, maxBuffer: 64 * 1024 * 1024, timeout: 1_800_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${args[0]} against ${target.name}: ${error.message}\n${stderr.slice(-3000)}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
      },
    );
  });
}

async function createExperiment(target: Target, name: string): Promise<string> {
  const response = await fetch(`${target.uri}/api/2.0/mlflow/experiments/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { experiment_id?: string };
  if (!body.experiment_id) throw new Error(`creating an experiment on ${target.name}: ${JSON.stringify(body)}`);
  return body.experiment_id;
}

async function waitForHealth(uri: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${uri}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('mlflow server did not answer /health within 180 s');
}

async function measure(target: Target, seed: (experimentId: string, historyRun: string) => Promise<void>) {
  const batchExperiment = await createExperiment(target, 'bench-log-batch');
  const a = (await workload(target, 'log-batch', batchExperiment, '100', '1000')) as { samples: number[] };
  const searchExperiment = await createExperiment(target, 'bench-search');
  const historyRun = randomUUID().replaceAll('-', '');
  const seeded = performance.now();
  await seed(searchExperiment, historyRun);
  console.log(`${target.name}: seeded ${RUNS} runs and ${HISTORY_POINTS} points in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const b = (await workload(target, 'search', searchExperiment, FILTER, '10')) as { samples: number[]; found: number };
  const c = (await workload(target, 'history', historyRun, 'loss', '5')) as { samples: number[]; points: number };
  if (b.found !== 999) throw new Error(`${target.name}: the search found ${b.found} runs, not 999`);
  if (c.points !== HISTORY_POINTS) throw new Error(`${target.name}: the history has ${c.points} points, not ${HISTORY_POINTS}`);
  const result = { logBatch: median(a.samples), search: median(b.samples), history: median(c.samples) };
  console.log(`${target.name}: log-batch(1,000 points) ${result.logBatch.toFixed(1)} ms, search_runs(10,000 runs) ${result.search.toFixed(1)} ms, get_metric_history(100,000 points) ${result.history.toFixed(1)} ms`);
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'benchtop-bench-tracking-'));
const store = openStore(join(dir, 'benchtop', 'benchtop.db'));
const service = new TrackingService({ store, catalog: new CatalogStore(store, join(dir, 'benchtop')), home: join(dir, 'benchtop'), addresses: () => ['127.0.0.1'] });
service.setPort(await freePort());
const endpoint = await service.ensureServing();
const benchtop: Target = { name: 'Benchtop', uri: endpoint.hostUri, token: service.issueToken({ kind: 'all' }) };

const mlflowPort = await freePort();
const mlflowDb = join(dir, 'mlflow.db');
const server = spawn(MLFLOW, ['server', '--backend-store-uri', `sqlite:///${mlflowDb}`, '--artifacts-destination', join(dir, 'mlflow-artifacts'), '--host', '127.0.0.1', '--port', String(mlflowPort)], {
  stdio: ['ignore', 'ignore', 'pipe'],
  env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
});
let serverLog = '';
server.stderr?.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-4000)));
const mlflow: Target = { name: 'MLflow', uri: `http://127.0.0.1:${mlflowPort}`, token: 'unused' };

try {
  await waitForHealth(mlflow.uri, server);
  const theirs = await measure(mlflow, async (experimentId, historyRun) => {
    await workload(mlflow, 'seed-mlflow', mlflowDb, experimentId, String(RUNS), historyRun, String(HISTORY_POINTS));
  });
  const ours = await measure(benchtop, async (experimentId, historyRun) => {
    const tracking = service.store;
    for (let i = 0; i < RUNS; i++) {
      const run = tracking.createRun({ experimentId, runName: `run-${i}`, startTime: 1_700_000_000_000 + i });
      tracking.logBatch(run.info.run_id, { metrics: [{ key: 'acc', value: ((i * 7919) % 10000) / 10000, timestamp: 1_700_000_000_000 + i, step: 0 }] });
      tracking.updateRun(run.info.run_id, { status: 'FINISHED', endTime: 1_700_000_000_001 + i });
    }
    const history = tracking.createRun({ experimentId, runName: 'history', runId: historyRun }).info.run_id;
    for (let start = 0; start < HISTORY_POINTS; start += 1000) {
      tracking.logBatch(history, { metrics: Array.from({ length: 1000 }, (_, j) => ({ key: 'loss', value: 1 / (start + j + 1), timestamp: 1_700_000_000_000 + start + j, step: start + j })) });
    }
  });
  const ratios = { logBatch: ours.logBatch / theirs.logBatch, search: ours.search / theirs.search, history: ours.history / theirs.history };
  console.log(`ratios (Benchtop/MLflow): log-batch ${ratios.logBatch.toFixed(3)}, search ${ratios.search.toFixed(3)}, history ${ratios.history.toFixed(3)}`);
  console.log(`tracking: ratio=${Math.max(ratios.logBatch, ratios.search, ratios.history).toFixed(3)} target<=0.5`);
} catch (error) {
  console.error(String(error));
  console.error(serverLog);
  process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  await service.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
