import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { docker, expect, openPage, screenshotsDir, test } from './support/fixtures.ts';

/**
 * The notebook-to-endpoint path (README: "Tutorial: from a notebook to a monitored endpoint"),
 * walked as a person walks it, every part real: the example project started from the wizard (with
 * the offline image benchtop-test/jupyterlab in place of the one its Dockerfile builds), JupyterLab
 * healthy on the card, opened through Benchtop (same origin, /apps/<env>/jupyterlab/), the notebook
 * run in the real JupyterLab UI by a real kernel that logs to Benchtop's own tracking server (the
 * environment's MLFLOW_TRACKING_URI/TOKEN/EXPERIMENT_NAME), the curve on the Experiments page, the
 * model the notebook registered promoted to champion on the Models page and served, shifted rows
 * sent to the endpoint, the example's monitor.yaml (current = the endpoint's capture) raising its
 * drift alert, and the example's pipeline.yaml run, its `when: monitors.…drift_share > 0.3` step
 * running. The wall clock of the path is printed at the end.
 */
const IMAGE = 'benchtop-test/jupyterlab';
const MODEL = 'breast-cancer';
const ENDPOINT = 'breast-cancer';
const MONITOR = 'breast-cancer-drift';
const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const example = fileURLToPath(new URL('../resources/examples/notebook-to-endpoint/', import.meta.url));
// Made in beforeAll: Playwright also loads this file in its main process to list the tests.
let root = '';
let project = '';
let broken = '';

test.beforeAll(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'opens JupyterLab through the web host');
  root = mkdtempSync(join(tmpdir(), 'benchtop-notebook-e2e-'));
  project = join(root, `notebook-to-endpoint-${Date.now().toString(36)}`);
  broken = join(root, `never-healthy-${Date.now().toString(36)}`);
  cpSync(example, project, { recursive: true });
});

test.afterAll(() => {
  if (!root) return;
  for (const args of [['endpoints', 'rm', ENDPOINT], ['monitor', 'rm', MONITOR]]) {
    try {
      benchtop(...args);
    } catch {
      // never made (the test stopped before): nothing to remove
    }
  }
  for (const id of docker('ps', '-aq', '--filter', `label=benchtop.endpoint=${ENDPOINT}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  for (const folder of [project, broken]) {
    for (const id of docker('ps', '-aq', '--filter', `label=devcontainer.local_folder=${folder}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  }
  for (const image of docker('images', '-q', `benchtop-env/never-healthy-demo-*`).split('\n').filter(Boolean)) docker('rmi', '-f', image);
  rmSync(root, { recursive: true, force: true });
});

async function runTheNotebook(lab: Page, shot: (page: Page, name: string) => Promise<unknown>): Promise<void> {
  // The notebook opens from the app's path (lab/tree/train.ipynb); its kernel (python3) starts by itself.
  await expect(lab.getByRole('tab', { name: /train\.ipynb/ })).toBeVisible({ timeout: 90_000 });
  // JupyterLab may ask which kernel to start (first open of the notebook): take the one it proposes, Python 3.
  const selectKernel = lab.getByRole('dialog').filter({ hasText: 'Select Kernel' }).getByRole('button', { name: 'Select', exact: true });
  await selectKernel.waitFor({ timeout: 15_000 }).then(() => selectKernel.click(), () => {});
  // Its news prompt, answered as a person would, so the screenshots show the notebook.
  const noNews = lab.getByRole('button', { name: 'No', exact: true });
  if (await noNews.isVisible()) await noNews.click();
  await expect(lab.getByText('Python 3 (ipykernel) | Idle')).toBeVisible({ timeout: 60_000 });
  await shot(lab, 'notebook-jupyterlab-open');
  await lab.getByRole('menuitem', { name: 'Run', exact: true }).click();
  await lab.getByRole('menuitem', { name: /^Run All Cells/ }).click();
  const outputs = lab.locator('.jp-OutputArea-output');
  await expect(outputs.filter({ hasText: 'notebook finished: data/reference.csv and data/shifted.csv written' })).toBeVisible({ timeout: 120_000 });
  // The environment's tracking settings reached the kernel: it logged to Benchtop and registered the model.
  await expect(outputs.filter({ hasText: /logging to http:\/\/host\.docker\.internal:\d+, run [0-9a-f]{32}/ })).toBeVisible();
  await expect(outputs.filter({ hasText: `registered ${MODEL}: promote a version to champion` })).toBeVisible();
  await expect(outputs.filter({ hasText: /epoch 20: validation log loss 0\.\d+/ })).toBeVisible();
  await expect(lab.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').filter({ hasText: /Error|Traceback/ })).toHaveCount(0);
  await shot(lab, 'notebook-cells-run');
}

test('from the wizard to a notebook, a champion endpoint, its drift alert and the gated retraining', async ({ app }, testInfo) => {
  test.skip(!dockerHas(IMAGE), `${IMAGE} is missing: run scripts/provision-test-host.sh`);
  test.setTimeout(900_000);
  const started = Date.now();
  const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-${name}.png` });

  await test.step('start the example environment from the wizard', async () => {
    await openPage(app, 'Environments');
    await app.getByRole('button', { name: 'New environment', exact: true }).first().click();
    const wizard = app.getByRole('dialog', { name: 'New environment' });
    await wizard.getByRole('radio', { name: 'A project folder (devcontainer.json)' }).check();
    await wizard.getByRole('textbox', { name: 'Project folder' }).fill(project);
    await wizard.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(wizard.getByRole('status', { name: 'Folder check' })).toContainText('notebook-to-endpoint');
    await wizard.getByRole('textbox', { name: 'Image override' }).fill(IMAGE);
    await shot(app, 'notebook-wizard');
    await wizard.getByRole('button', { name: 'Start environment', exact: true }).click();
    await expect(wizard.getByRole('link', { name: 'Open JupyterLab', exact: true })).toBeVisible({ timeout: 120_000 });
    await expect(wizard.getByText(`Using the image ${IMAGE} in place of building`)).toBeVisible();
    await wizard.getByRole('button', { name: 'Done', exact: true }).click();
  });

  const card = app.getByRole('region', { name: 'Environment notebook-to-endpoint' });
  await test.step('JupyterLab shows healthy on the card', async () => {
    await expect(card.getByRole('status', { name: 'JupyterLab is healthy' })).toBeVisible({ timeout: 60_000 });
    await shot(app, 'notebook-card-healthy');
  });

  let lab!: Page;
  await test.step('open JupyterLab through Benchtop (one origin)', async () => {
    const link = card.getByRole('link', { name: 'Open JupyterLab of notebook-to-endpoint' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/apps\/[0-9a-f]{12}\/jupyterlab\/lab\/tree\/train\.ipynb\?token=[0-9a-f]{48}$/);
    const popup = app.context().waitForEvent('page');
    await link.click();
    lab = await popup;
    await lab.waitForLoadState('domcontentloaded');
    expect(new URL(lab.url()).origin).toBe(new URL(app.url()).origin);
    expect(new URL(lab.url()).pathname).toMatch(/^\/apps\/[0-9a-f]{12}\/jupyterlab\/lab/);
  });

  await test.step("the Experiments page, open on the environment's experiment before the notebook runs", async () => {
    // The environment's start made its experiment (named after it); its token may log only there.
    await openPage(app, 'Experiments');
    await app.getByRole('navigation', { name: 'Experiments' }).getByRole('button', { name: /notebook-to-endpoint/ }).click();
    await expect(app.getByRole('table', { name: 'Tracking runs' }).getByRole('row', { name: /notebook/ })).toHaveCount(0);
  });

  await test.step('run the notebook: a real kernel executes every cell', async () => {
    await runTheNotebook(lab, shot);
    expect(readFileSync(join(project, 'data', 'reference.csv'), 'utf8').split('\n')[0]).toContain('mean radius');
    await lab.close();
  });

  await test.step('the notebook run and its val_loss curve appear on the open Experiments page', async () => {
    // No reload, no click on the sidebar: the page follows the tracking server live.
    const runs = app.getByRole('table', { name: 'Tracking runs' });
    const row = runs.getByRole('row', { name: /notebook/ });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.getByRole('button', { name: /^Open tracking run / }).click();
    await expect(app.getByRole('img', { name: /^val_loss by / })).toBeVisible({ timeout: 30_000 });
    await expect(app.getByRole('region', { name: /^Tracking run / })).toContainText('epochs=20');
    await shot(app, 'notebook-experiments-curve');
  });

  await test.step('the model registered from the notebook: champion on the Models page', async () => {
    await openPage(app, 'Models');
    await app.getByRole('navigation', { name: 'Models' }).getByRole('button', { name: new RegExp(MODEL) }).click();
    const version = app.getByRole('region', { name: 'Version 1' });
    await version.getByRole('textbox', { name: 'Alias' }).fill('champion');
    await version.getByRole('button', { name: 'Point alias here' }).click();
    await expect(app.getByRole('button', { name: `Serve ${MODEL}@champion` })).toBeVisible();
    // The version carries the metrics of the step the notebook logged it at: the last epoch's val_loss.
    await expect(app.getByRole('navigation', { name: 'Models' }).getByRole('button', { name: new RegExp(MODEL) })).toContainText(/val_loss 0\.\d/);
    await app.getByRole('heading', { name: 'Models', level: 1 }).scrollIntoViewIfNeeded();
    await shot(app, 'notebook-models-champion');
  });

  let url = '';
  await test.step('serve breast-cancer@champion: the endpoint follows the alias', async () => {
    await app.getByRole('button', { name: `Serve ${MODEL}@champion` }).click();
    const dialog = app.getByRole('dialog', { name: 'Serve model' });
    await expect(dialog).toContainText('The endpoint follows the alias');
    await dialog.getByLabel('Endpoint name').fill(ENDPOINT);
    const image = dialog.getByLabel('Image');
    if ((await image.count()) > 0 && !(await image.inputValue())) await image.fill(IMAGE);
    await shot(app, 'notebook-serve-dialog');
    await dialog.getByRole('button', { name: 'Serve', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Endpoints', level: 1 })).toBeVisible({ timeout: 180_000 });
    const detail = app.getByRole('region', { name: `Endpoint ${ENDPOINT}` });
    await expect(detail.getByText('running', { exact: true })).toBeVisible();
    url = (await detail.locator('.mono').first().textContent()) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  await test.step('send the shifted rows the notebook wrote to the endpoint', async () => {
    const [header, ...lines] = readFileSync(join(project, 'data', 'shifted.csv'), 'utf8').trim().split('\n');
    const columns = header.split(',');
    const rows = lines.map((line) => line.split(',').map(Number));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (let at = 0; at < rows.length; at += 20) {
      const response = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dataframe_split: { columns, data: rows.slice(at, at + 20) } }) });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(((await response.json()) as { predictions: unknown[] }).predictions).toHaveLength(rows.slice(at, at + 20).length);
    }
    const detail = app.getByRole('region', { name: `Endpoint ${ENDPOINT}` });
    await expect(detail).toContainText(`${Math.ceil(rows.length / 20)} requests · 0 errors`, { timeout: 15_000 });
    await shot(app, 'notebook-endpoint-requests');
  });

  await test.step('the example monitor on the endpoint capture raises the drift alert', async () => {
    // Saved from the example's monitor.yaml in a terminal beside the app, as the tutorial says.
    expect(benchtop('monitor', 'add', join(project, 'monitor.yaml'))).toContain(`saved monitor ${MONITOR}`);
    await openPage(app, 'Monitoring');
    await app.getByRole('button', { name: new RegExp(`^${MONITOR}`) }).click();
    const detail = app.getByRole('region', { name: `Monitor ${MONITOR}` });
    await detail.getByRole('button', { name: 'Run now' }).click();
    await expect(detail.getByRole('alert')).toContainText(/drift in \d+ of 30 columns \(share 0\.\d+ ≥ 0\.3\)/, { timeout: 90_000 });
    await expect(detail.getByRole('table', { name: 'Columns' }).getByRole('row', { name: /mean radius/ })).toContainText('drift');
    await shot(app, 'notebook-monitor-alert');
  });

  await test.step('the gated retraining pipeline runs its retrain step', async () => {
    await openPage(app, 'Runs');
    await app.getByRole('button', { name: 'New run…', exact: true }).click();
    const ask = app.getByRole('dialog', { name: 'New run' });
    await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(join(project, 'pipeline.yaml'));
    await ask.getByRole('button', { name: 'Next', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Run pipeline' });
    await dialog.getByRole('textbox', { name: /^image/ }).fill(IMAGE);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const steps = app.getByRole('table', { name: 'Steps' });
    await expect(app.locator('.run-detail-header').first().getByText('succeeded', { exact: true })).toBeVisible({ timeout: 180_000 });
    await expect(steps.getByRole('row', { name: /^Open step retrain/ })).toContainText('succeeded');
    await shot(app, 'notebook-retrain-run');
  });

  console.info(`notebook e2e: wizard → gated retraining run in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test('an app that never becomes healthy shows unhealthy on the card, with its last log lines', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  mkdirSync(join(broken, '.devcontainer'), { recursive: true });
  writeFileSync(join(broken, '.devcontainer', 'Dockerfile'), 'FROM benchtop-test/busybox\nCMD ["sh", "-c", "echo demo: loading model; echo demo: cannot bind 0.0.0.0:7860: address in use; sleep 3600"]\n');
  writeFileSync(
    join(broken, '.devcontainer', 'devcontainer.json'),
    JSON.stringify({ name: 'never-healthy-demo', build: { dockerfile: 'Dockerfile' }, overrideCommand: false, customizations: { benchtop: { apps: [{ name: 'demo', label: 'Web demo', port: 7860, health: { path: 'healthz', startupSeconds: 5 } }] } } }, null, 2),
  );
  await openPage(app, 'Environments');
  await app.getByRole('button', { name: 'New environment', exact: true }).first().click();
  const wizard = app.getByRole('dialog', { name: 'New environment' });
  await wizard.getByRole('radio', { name: 'A project folder (devcontainer.json)' }).check();
  await wizard.getByRole('textbox', { name: 'Project folder' }).fill(broken);
  await wizard.getByRole('button', { name: 'Start environment', exact: true }).click();
  await expect(wizard.getByText('never-healthy-demo is running')).toBeVisible({ timeout: 90_000 });
  await wizard.getByRole('button', { name: 'Done', exact: true }).click();
  const card = app.getByRole('region', { name: 'Environment never-healthy-demo' });
  await expect(card.getByRole('status', { name: 'Web demo is unhealthy' })).toBeVisible({ timeout: 60_000 });
  await expect(card.getByText('Web demo did not answer its health check within 5 s')).toBeVisible();
  await expect(card.getByLabel('Last log lines of never-healthy-demo')).toHaveText('demo: loading model\ndemo: cannot bind 0.0.0.0:7860: address in use');
  await app.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-notebook-app-unhealthy.png` });
  await card.getByRole('button', { name: 'Stop never-healthy-demo' }).click();
  await expect(card.getByRole('status', { name: 'Web demo is stopped' })).toBeVisible({ timeout: 30_000 });
});

/** `benchtop …` against the web host's data folder, as a person would in a terminal beside the app. */
function benchtop(...args: string[]): string {
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BENCHTOP_HOME: home }, timeout: 150_000 });
}

function dockerHas(image: string): boolean {
  try {
    docker('image', 'inspect', image);
    return true;
  } catch {
    return false;
  }
}
