import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { docker, expect, openPage, screenshotsDir, test } from './support/fixtures.ts';

/**
 * The notebook-to-endpoint path, walked as a person walks it: the example project started from the
 * wizard (with the offline image benchtop-test/jupyterlab in place of the one its Dockerfile builds),
 * JupyterLab healthy on the card, opened through Benchtop (same origin, /apps/<env>/jupyterlab/),
 * and the notebook run in the real JupyterLab UI, a real kernel executing every cell.
 *
 * Later steps (the integrator adds them once tracking, serving and monitoring are merged) go after
 * `runTheNotebook`: the live curve on the Experiments page, champion set on the Models page,
 * serving it, shifted requests, the monitor's drift alert, the gated retraining run. Each is one
 * `test.step` on the same page objects below.
 */
const IMAGE = 'benchtop-test/jupyterlab';
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
  await expect(outputs.filter({ hasText: 'MLFLOW_TRACKING_URI is not set' })).toBeVisible();
  await expect(outputs.filter({ hasText: /epoch 20: validation log loss 0\.\d+/ })).toBeVisible();
  await expect(lab.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').filter({ hasText: /Error|Traceback/ })).toHaveCount(0);
  await shot(lab, 'notebook-cells-run');
}

test('from the wizard to a notebook run in JupyterLab through Benchtop', async ({ app }, testInfo) => {
  test.skip(!dockerHas(IMAGE), `${IMAGE} is missing: run scripts/provision-test-host.sh`);
  test.setTimeout(360_000);
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

  await test.step('run the notebook: a real kernel executes every cell', async () => {
    await runTheNotebook(lab, shot);
    expect(existsSync(join(project, 'models', 'model.pkl'))).toBe(true);
    expect(readFileSync(join(project, 'data', 'reference.csv'), 'utf8').split('\n')[0]).toContain('mean radius');
  });

  console.info(`notebook e2e: wizard → notebook run in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

function dockerHas(image: string): boolean {
  try {
    docker('image', 'inspect', image);
    return true;
  } catch {
    return false;
  }
}
