import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { PipelineService } from '../pipelines/service.ts';
import { pipeline, TEST_IMAGE } from '../pipelines/test-support.ts';
import { openStore } from '../store/database.ts';
import { TokenIssuer } from '../tracking/tokens.ts';
import { TrackingStore } from '../tracking/tracking-store.ts';
import { findStepRun, StepTracking } from './step-tracking.ts';

// Real engine, real SQLite, busybox steps. No HTTP here: the endpoint is a stand-in that says a
// port is served, so this checks what the wiring itself does (the pre-created run, the env a step
// gets, outputs.metrics landing in the run, the run's end). The python-mlflow test drives the real
// client through the real endpoint.
const home = mkdtempSync(join(tmpdir(), 'benchtop-step-tracking-'));
const store = openStore(join(home, 'benchtop.db'));
const engine = new EngineConnection({ env: process.env });
const tracking = new TrackingStore(store);
const tokens = new TokenIssuer(store);
const stepTracking = new StepTracking({ tracking, tokens, endpoint: async () => ({ port: 5999, serving: true }), systemMetricsIntervalMs: 500 });
const service = new PipelineService({ store, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' }, tracking: stepTracking });
afterAll(() => {
  engine.close();
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const envOf = (log: string) => Object.fromEntries(log.split('\n').filter((l) => l.startsWith('MLFLOW_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe.concurrent('step tracking on the real engine', { timeout: 120_000 }, () => {
  it('pre-creates a run per attempt, gives the container the MLFLOW_* env, lands outputs.metrics in it and ends it FINISHED', async () => {
    const started = service.startRun({
      text: pipeline(
        'tracked-ok',
        `steps:
  train:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['env | grep ^MLFLOW_ | sort; grep host.docker.internal /etc/hosts >/dev/null && echo has-host; mkdir -p /tmp; sleep 4; echo "{\\"auc\\": 0.91}" > /tmp/m.json']
    outputs:
      metrics: { path: /tmp/m.json }
`,
      ),
      useCache: false,
    });
    await started.done;
    const step = service.get(started.runId).steps[0];
    expect([step.state, step.message]).toEqual(['succeeded', null]);
    const log = readFileSync(step.attempts[0].logPath, 'utf8');
    const env = envOf(log);
    expect(Object.keys(env).sort()).toEqual(['MLFLOW_EXPERIMENT_NAME', 'MLFLOW_RUN_ID', 'MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_URI']);
    expect(env.MLFLOW_TRACKING_URI).toBe('http://host.docker.internal:5999');
    expect(env.MLFLOW_EXPERIMENT_NAME).toBe('tracked-ok');
    expect(log).toContain('has-host');
    const found = findStepRun(tracking, { runId: started.runId, pipeline: 'tracked-ok', step: 'train', attempt: 1 });
    expect(found?.runId).toBe(env.MLFLOW_RUN_ID);
    const run = tracking.requireRun(env.MLFLOW_RUN_ID);
    expect(run.info).toMatchObject({ status: 'FINISHED', run_name: 'train' });
    expect(run.info.end_time).toBeGreaterThan(0);
    const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
    expect(tags).toMatchObject({ 'benchtop.run_id': started.runId, 'benchtop.step': 'train', 'benchtop.attempt': '1', 'benchtop.pipeline': 'tracked-ok', 'benchtop.run_name': expect.stringMatching(/^tracked-ok [a-z]+-[a-z]+$/) });
    const metrics = Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value]));
    expect(metrics.auc).toBe(0.91);
    expect(metrics['system/cpu_utilization_percentage']).toBeGreaterThanOrEqual(0);
    expect(metrics['system/system_memory_usage_megabytes']).toBeGreaterThan(0);
    // The token was run-scoped and is revoked once the attempt ended.
    expect(tokens.resolve(env.MLFLOW_TRACKING_TOKEN)).toBeNull();
  });

  it('ends a failing attempt’s run FAILED, one run per attempt when it retries, and the step’s own env wins', async () => {
    const started = service.startRun({
      text: pipeline(
        'tracked-fail',
        `steps:
  boom:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['env | grep ^MLFLOW_ | sort; exit 3']
    env: { MLFLOW_EXPERIMENT_NAME: mine }
    retry: { limit: 1, policy: Always }
`,
      ),
      useCache: false,
    });
    expect(await started.done).toBe('failed');
    const step = service.get(started.runId).steps[0];
    expect(step.attempts.length).toBe(2);
    const ids = step.attempts.map((a) => envOf(readFileSync(a.logPath, 'utf8')).MLFLOW_RUN_ID);
    expect(new Set(ids).size).toBe(2);
    expect(envOf(readFileSync(step.attempts[0].logPath, 'utf8')).MLFLOW_EXPERIMENT_NAME).toBe('mine');
    for (const [i, id] of ids.entries()) {
      const run = tracking.requireRun(id);
      expect(run.info.status).toBe('FAILED');
      expect(run.data.tags.find((t) => t.key === 'benchtop.attempt')?.value).toBe(String(i + 1));
    }
  });

  it('ends a cancelled attempt’s run KILLED', async () => {
    const started = service.startRun({
      text: pipeline('tracked-cancel', `steps:\n  wait:\n    image: ${TEST_IMAGE}\n    command: [sh, -c]\n    args: ['sleep 60']\n`),
      useCache: false,
    });
    for (let i = 0; i < 200 && service.get(started.runId).steps[0].state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 200 && !findStepRun(tracking, { runId: started.runId, pipeline: 'tracked-cancel', step: 'wait', attempt: 1 }); i++) await new Promise((r) => setTimeout(r, 100));
    await service.cancel(started.runId);
    const found = findStepRun(tracking, { runId: started.runId, pipeline: 'tracked-cancel', step: 'wait', attempt: 1 });
    expect(tracking.requireRun(found!.runId).info.status).toBe('KILLED');
  });
});
