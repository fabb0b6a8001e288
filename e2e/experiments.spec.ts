import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { docker, expect, openPage, test } from './support/fixtures.ts';

// MLflow tracking end to end through the web host on the real engine: a pipeline step in
// benchtop-test/python-mlflow (the real MLflow client, built offline) runs an unmodified training
// script that logs 50 epochs, sleeping between them; its curve grows on screen while the step
// runs, the MLflow run id shown is the step's MLFLOW_RUN_ID (the script prints it to its log),
// then the Experiments page filters (MLflow's grammar, a bad filter named precisely), keeps chosen
// columns, and compares two runs with overlaid histories.
const IMAGE = 'benchtop-test/python-mlflow';
const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const suffix = Date.now().toString(36);
const PIPELINE = `e2e-mlflow-${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-experiments-'));
const TRAIN = [
  'import os, time',
  'import mlflow',
  'print("MLFLOW_RUN_ID=" + os.environ["MLFLOW_RUN_ID"], flush=True)',
  'with mlflow.start_run():',
  '    mlflow.log_param("lr", os.environ["LR"])',
  '    for epoch in range(50):',
  '        mlflow.log_metric("loss", float(os.environ["LR"]) * 10 / (epoch + 1), step=epoch)',
  '        mlflow.log_metric("accuracy", epoch / 50, step=epoch)',
  '        time.sleep(0.25)',
];
const pipelineFile = join(dir, 'train.yaml');
writeFileSync(
  pipelineFile,
  `apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: ${PIPELINE}
params:
  lr: { default: '0.01' }
steps:
  train:
    image: ${IMAGE}
    command: [python3, -c]
    args:
      - |
${TRAIN.map((line) => `        ${line}`).join('\n')}
    env: { LR: '\${params.lr}' }
`,
);

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  try {
    docker('image', 'inspect', IMAGE);
  } catch {
    throw new Error(`${IMAGE} is missing: build it with scripts/build-wheels-image.sh python-mlflow (scripts/provision-test-host.sh does).`);
  }
});

async function runPipeline(app: Page, lr: string): Promise<string> {
  await openPage(app, 'Runs');
  await app.getByRole('button', { name: 'New run…', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'New run' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(pipelineFile);
  await ask.getByRole('button', { name: 'Next', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run pipeline' });
  await dialog.getByRole('textbox', { name: /^lr/ }).fill(lr);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  const header = app.locator('.run-detail-header').first();
  await expect(header.locator('code.run-id')).toBeVisible();
  return (await header.locator('code.run-id').textContent()) ?? '';
}

/** The step's MLFLOW_RUN_ID as its script printed it to the attempt's log. */
function printedRunId(benchtopRunId: string): string {
  const home = process.env.BENCHTOP_E2E_HOME ?? '';
  const stepDir = join(home, 'runs', benchtopRunId, 'train');
  const log = readdirSync(stepDir).find((name) => name.endsWith('.log')) ?? '';
  return /MLFLOW_RUN_ID=(\w+)/.exec(readFileSync(join(stepDir, log), 'utf8'))?.[1] ?? '';
}

const pointsOf = async (app: Page, metric: string) => Number((await app.locator(`figure[data-metric="${metric}"] g.series`).first().getAttribute('data-points')) ?? '0');

test('a step’s MLflow curve grows live, and the run id shown is the step’s MLFLOW_RUN_ID', async ({ app, shot }) => {
  test.setTimeout(240_000);
  const runId = await runPipeline(app, '0.01');
  const metrics = app.getByRole('region', { name: 'Metrics of step train' });
  const mlflowRunId = metrics.getByLabel('MLflow run id');
  await expect(mlflowRunId).toHaveText(/^[0-9a-f]{32}$/, { timeout: 60_000 });
  await expect(metrics.locator('.tracking-status')).toHaveText('RUNNING');

  // The curve grows while the step still runs.
  await expect.poll(() => pointsOf(app, 'loss'), { timeout: 60_000 }).toBeGreaterThan(3);
  const early = await pointsOf(app, 'loss');
  await expect(app.locator('.run-detail-header').first().getByText('running', { exact: true })).toBeVisible();
  await expect.poll(() => pointsOf(app, 'loss'), { timeout: 20_000 }).toBeGreaterThan(early + 2);
  expect(await pointsOf(app, 'loss')).toBeLessThan(50);
  await shot('experiments-step-live');

  await expect(app.locator('.run-detail-header').first().getByText('succeeded', { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect.poll(() => pointsOf(app, 'loss')).toBe(50);
  await expect(metrics.locator('.tracking-status')).toHaveText('FINISHED');
  expect(await mlflowRunId.textContent()).toBe(printedRunId(runId));

  // Log scale and smoothing redraw the same 50 points.
  await metrics.getByRole('checkbox', { name: 'Log scale' }).check();
  await metrics.getByRole('slider', { name: 'Smoothing' }).fill('0.6');
  await expect(metrics.locator('figure[data-metric="loss"] .series-raw')).toHaveCount(1);
  await shot('experiments-step-done');

  // The pipeline graph's step panel shows the same run and its chart.
  await app.getByRole('button', { name: 'Open in graph', exact: true }).click();
  // The file lives in a temp folder: make it a workspace folder, as the page offers.
  await app.getByRole('button', { name: `Add ${dir} as a workspace folder` }).click();
  await app.getByTestId('step-node-train').click();
  const panel = app.getByRole('complementary', { name: 'Step train' });
  await panel.getByRole('tab', { name: 'Metrics', exact: true }).click();
  await expect(panel.getByLabel('MLflow run id')).toHaveText(printedRunId(runId));
  await expect.poll(() => pointsOf(app, 'loss')).toBe(50);
  await shot('experiments-step-panel');
});

test('the Experiments page filters in MLflow’s grammar, keeps the chosen columns and compares runs', async ({ app, shot }) => {
  test.setTimeout(180_000);
  const second = await runPipeline(app, '0.1');
  await expect(app.locator('.run-detail-header').first().getByText('succeeded', { exact: true })).toBeVisible({ timeout: 120_000 });

  await openPage(app, 'Experiments');
  await app.getByRole('navigation', { name: 'Experiments' }).getByRole('button', { name: new RegExp(PIPELINE) }).click();
  const table = app.getByRole('table', { name: 'Tracking runs' });
  await expect(table.getByRole('row')).toHaveCount(3);

  const filter = app.getByRole('textbox', { name: 'Filter runs' });
  await filter.fill('metrics.loss <');
  await filter.press('Enter');
  await expect(app.getByRole('alert')).toHaveText('Bad filter: Expected a value after < at column 14.');
  await shot('experiments-bad-filter');
  await filter.fill("params.lr = '0.1'");
  await filter.press('Enter');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(printedRunId(second).slice(0, 8));
  await filter.fill('metrics.loss < 1');
  await filter.press('Enter');
  await expect(table.getByRole('row')).toHaveCount(3);

  // Columns: add params.lr, drop metrics.accuracy; the choice is kept across a reload.
  await app.getByRole('button', { name: /^Columns/ }).click();
  const chooser = app.getByRole('group', { name: 'Columns' });
  await chooser.getByRole('checkbox', { name: 'params.lr' }).check();
  await chooser.getByRole('checkbox', { name: 'metrics.accuracy' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'params.lr' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'metrics.accuracy' })).toHaveCount(0);
  await app.reload();
  await openPage(app, 'Experiments');
  await expect(app.getByRole('table', { name: 'Tracking runs' }).getByRole('columnheader', { name: 'params.lr' })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Tracking runs' }).getByRole('columnheader', { name: 'metrics.accuracy' })).toHaveCount(0);
  await expect(app.getByRole('table', { name: 'Tracking runs' }).getByRole('columnheader', { name: 'metrics.loss' })).toBeVisible();
  await shot('experiments-runs');

  const rows = app.getByRole('table', { name: 'Tracking runs' }).getByRole('checkbox', { name: /^Compare train/ });
  await rows.nth(0).check();
  await rows.nth(1).check();
  await app.getByRole('button', { name: 'Compare', exact: true }).click();
  const loss = app.locator('figure[data-metric="loss"]');
  await expect(loss.locator('g.series')).toHaveCount(2);
  await expect(loss.locator('.metric-line-chart-legend li')).toHaveCount(2);
  expect(await loss.locator('g.series').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-points')))).toEqual(['50', '50']);
  await shot('experiments-compare');
});

test('a metric a client logs straight to the endpoint shows within a second', async ({ app, shot }) => {
  // `benchtop tracking serve` of the same home finds the web host serving and prints a token valid there.
  const printed = execFileSync(process.execPath, [cli, 'tracking', 'serve'], { env: { ...process.env, BENCHTOP_HOME: process.env.BENCHTOP_E2E_HOME }, encoding: 'utf8', timeout: 30_000 });
  const uri = /MLFLOW_TRACKING_URI=(\S+)/.exec(printed)?.[1];
  const token = /MLFLOW_TRACKING_TOKEN=(\S+)/.exec(printed)?.[1];
  expect(uri && token).toBeTruthy();
  const call = async (path: string, body: object) => {
    const response = await fetch(`${uri}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Record<string, never>;
  };
  const experiment = `e2e-direct-${suffix}`;
  const { experiment_id } = await call('experiments/create', { name: experiment });
  const { run } = await call('runs/create', { experiment_id, run_name: 'direct', start_time: Date.now() });
  const runId = (run as { info: { run_id: string } }).info.run_id;
  await call('runs/log-metric', { run_id: runId, key: 'loss', value: 1, timestamp: Date.now(), step: 0 });

  await openPage(app, 'Experiments');
  const item = app.getByRole('navigation', { name: 'Experiments' }).getByRole('button', { name: new RegExp(experiment) });
  await expect(item).toContainText('client');
  await item.click();
  await app.getByRole('button', { name: `Open tracking run ${runId}` }).click();
  await expect.poll(() => pointsOf(app, 'loss')).toBe(1);
  for (let step = 1; step <= 3; step++) {
    const sent = Date.now();
    await call('runs/log-metric', { run_id: runId, key: 'loss', value: 1 / (step + 1), timestamp: Date.now(), step });
    await expect.poll(() => pointsOf(app, 'loss'), { intervals: [20], timeout: 5000 }).toBe(step + 1);
    expect(Date.now() - sent).toBeLessThan(1000);
  }
  await shot('experiments-direct-client');
});
