import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore } from '../catalog/catalog-store.ts';
import { EngineConnection } from '../engine/connection.ts';
import { PipelineService } from '../pipelines/service.ts';
import { pipeline } from '../pipelines/test-support.ts';
import { openStore } from '../store/database.ts';
import { TrackingService } from '../tracking/service.ts';
import { trackingListenAddresses } from './bridge-address.ts';
import { endpointControl } from './endpoint.ts';
import { StepTracking } from './step-tracking.ts';

// The whole path with real parts: the real engine runs benchtop-test/python-mlflow (the MLflow
// client, built offline by scripts/build-wheels-image.sh python-mlflow); unmodified MLflow code in the step
// reaches Benchtop's tracking server (node:http on loopback and the Docker bridge gateway) through
// host.docker.internal, with the step's run-scoped token; the data lands in real SQLite.
const IMAGE = 'benchtop-test/python-mlflow';
const home = mkdtempSync(join(tmpdir(), 'benchtop-mlflow-step-'));
const store = openStore(join(home, 'benchtop.db'));
const engine = new EngineConnection({ env: process.env });
const server = new TrackingService({ store, catalog: new CatalogStore(store, home), home, addresses: trackingListenAddresses });
const tracking = server.store;
const service = new PipelineService({
  store,
  docker: () => engine.client(),
  home,
  labels: { 'benchtop.test': '1' },
  tracking: new StepTracking({ tracking, tokens: server.tokens, endpoint: endpointControl(server).ensureServing, systemMetricsIntervalMs: 1000 }),
});

beforeAll(async () => {
  try {
    execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
  } catch {
    throw new Error(`${IMAGE} is missing: build it with scripts/build-wheels-image.sh python-mlflow (scripts/provision-test-host.sh does).`);
  }
  // Containers reach the server through the default bridge's gateway: without docker0 they cannot.
  if (trackingListenAddresses().length < 2) throw new Error('The Docker bridge docker0 is missing, so containers cannot reach the host: restart dockerd (a dockerd started with --bridge=none removes it).');
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  server.setPort(port);
});
afterAll(async () => {
  await server.close();
  engine.close();
  store.close();
  rmSync(home, { recursive: true, force: true });
});

/** A step whose script is plain MLflow code, as a user writes it (no Benchtop API). */
const step = (name: string, script: string, extra = '') =>
  `  ${name}:\n    image: ${IMAGE}\n    command: [python3, -c]\n    args:\n      - |\n${script
    .trim()
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n')}\n${extra}`;

const TRAIN = `
import os, time
import mlflow
print("MLFLOW_RUN_ID=" + os.environ["MLFLOW_RUN_ID"], flush=True)
with mlflow.start_run() as run:
    print("active=" + run.info.run_id, flush=True)
    mlflow.log_param("lr", "0.01")
    for epoch in range(50):
        mlflow.log_metric("loss", 1.0 / (epoch + 1), step=epoch)
        mlflow.log_metric("accuracy", epoch / 50, step=epoch)
`;

const logOf = (runId: string, name: string) => readFileSync(service.get(runId).steps.find((s) => s.name === name)!.attempts.at(-1)!.logPath, 'utf8');
const envRunId = (log: string) => /MLFLOW_RUN_ID=(\w+)/.exec(log)?.[1];

describe('a pipeline step logging with the real MLflow client', { timeout: 240_000 }, () => {
  it('logs 50 epochs into the pre-created run (its id is the step’s MLFLOW_RUN_ID), which ends FINISHED', async () => {
    const started = service.startRun({ text: pipeline('mlflow-train', `steps:\n${step('train', TRAIN)}`), useCache: false });
    await started.done;
    const detail = service.get(started.runId);
    const log = logOf(started.runId, 'train');
    expect([detail.steps[0].state, detail.steps[0].message], log).toEqual(['succeeded', null]);
    const runId = envRunId(log)!;
    expect(log).toContain(`active=${runId}`);
    const run = tracking.requireRun(runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.run_name).toBe('train');
    expect(tracking.requireExperiment(run.info.experiment_id).name).toBe('mlflow-train');
    const loss = tracking.getMetricHistory(runId, 'loss').items;
    expect(loss.map((m) => m.step)).toEqual([...Array(50).keys()]);
    expect(loss[49].value).toBeCloseTo(1 / 50, 10);
    expect(run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
    expect(run.data.tags.find((t) => t.key === 'benchtop.run_id')?.value).toBe(started.runId);
    // One run for the attempt: the client attached to it rather than making its own.
    expect(tracking.searchRuns({ experimentIds: [run.info.experiment_id] }).items.map((r) => r.info.run_id)).toEqual([runId]);
  });

  it('ends a failing step’s run FAILED', async () => {
    const script = `
import mlflow
with mlflow.start_run():
    mlflow.log_metric("loss", 0.5, step=0)
raise SystemExit(4)
`;
    const started = service.startRun({ text: pipeline('mlflow-fail', `steps:\n${step('train', script)}`), useCache: false });
    expect(await started.done).toBe('failed');
    const run = tracking.searchRuns({ experimentIds: [tracking.getExperimentByName('mlflow-fail')!.experiment_id] }).items[0];
    expect(run.info.status).toBe('FAILED');
    expect(run.data.metrics.map((m) => [m.key, m.value])).toContainEqual(['loss', 0.5]);
  });

  it('refuses a step’s token on another run (403, PERMISSION_DENIED) and writes nothing there', async () => {
    const other = tracking.createRun({ experimentId: tracking.getOrCreateExperiment('someone-else').experiment_id, runName: 'other' });
    const script = `
import os
from mlflow import MlflowClient
from mlflow.exceptions import RestException
client = MlflowClient()
client.log_metric(os.environ["MLFLOW_RUN_ID"], "own", 1.0)
try:
    client.log_metric(os.environ["OTHER_RUN"], "stolen", 1.0)
    print("WROTE")
except RestException as error:
    print("REFUSED", error.get_http_status_code(), error.error_code, flush=True)
`;
    const started = service.startRun({ text: pipeline('mlflow-scope', `steps:\n${step('poke', script, `    env: { OTHER_RUN: ${other.info.run_id} }\n`)}`), useCache: false });
    await started.done;
    const log = logOf(started.runId, 'poke');
    expect(log).toContain('REFUSED 403 PERMISSION_DENIED');
    expect(tracking.requireRun(other.info.run_id).data.metrics).toEqual([]);
    expect(tracking.requireRun(envRunId(log) ?? readRunIdFromTags(started.runId)).data.metrics.map((m) => m.key)).toContain('own');
  });
});

function readRunIdFromTags(benchtopRunId: string): string {
  const experiment = tracking.getExperimentByName('mlflow-scope')!;
  return tracking.searchRuns({ experimentIds: [experiment.experiment_id], filter: `tags."benchtop.run_id" = '${benchtopRunId}'` }).items[0].info.run_id;
}
