import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, expect, openPage, screenshotsDir, test } from './support/fixtures.ts';
import { startWebHostProcess, type RunningWebHost } from './support/web-host.ts';

// The busybox test template is listed only when BENCHTOP_TEST_TEMPLATES=1, so this spec runs its own web host.
let host: RunningWebHost;
const root = mkdtempSync(join(tmpdir(), 'benchtop-env-e2e-'));
const project = join(root, `web-page-${Date.now().toString(36)}`);

test.beforeAll(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'drives its own web host with the test templates listed');
  mkdirSync(project);
  writeFileSync(join(project, 'index.html'), '<!doctype html><title>env page</title><h1>Served from the project folder</h1>\n');
  host = await startWebHostProcess({ BENCHTOP_TEST_TEMPLATES: '1' });
});

test.afterAll(async () => {
  for (const id of docker('ps', '-aq', '--filter', `label=devcontainer.local_folder=${project}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  await host?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a template environment from the wizard: running, its port serves the folder, stop/start/remove', async ({ openInBrowser }, testInfo) => {
  test.setTimeout(120_000);
  const app = await openInBrowser(host.url);
  const shot = (name: string) => app.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-${name}.png` });
  await openPage(app, 'Environments');

  await app.getByRole('button', { name: 'New environment', exact: true }).first().click();
  const wizard = app.getByRole('dialog', { name: 'New environment' });
  await expect(wizard.getByRole('radio', { name: 'JupyterLab (CPU)' })).toBeVisible();
  await wizard.getByRole('radio', { name: 'Busybox web page (test)' }).check();
  await wizard.getByRole('textbox', { name: 'Project folder' }).fill(project);
  await shot('environments-wizard');
  await wizard.getByRole('button', { name: 'Start environment', exact: true }).click();
  const open = wizard.getByRole('link', { name: 'Open Web page', exact: true });
  await expect(open).toBeVisible({ timeout: 60_000 });
  await expect(wizard.getByText('Running postStartCommand')).toBeVisible();
  await shot('environments-wizard-ready');
  await wizard.getByRole('button', { name: 'Done', exact: true }).click();

  const card = app.getByRole('region', { name: 'Environment Busybox web page' });
  await expect(card).toBeVisible();
  await expect(card.getByText('running', { exact: true })).toBeVisible();
  await expect(card.getByText(project, { exact: true })).toBeVisible();
  const appLink = card.getByRole('link', { name: 'Open Web page of Busybox web page' });
  const url = await appLink.getAttribute('href');
  // In a browser the app opens through the web host's origin (/ports/PORT/), so it works over one
  // tunnel; the desktop app opens localhost.
  if (testInfo.project.name === 'web') expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ports\/\d+\/\?token=[0-9a-f]{48}$/);
  else expect(url).toMatch(/^http:\/\/localhost:\d+\/\?token=[0-9a-f]{48}$/);
  expect(await appLink.getAttribute('target')).toBe('_blank');
  await shot('environments-running');

  // The link opens in a browser that holds the web host's cookie (as the tab it was clicked in).
  const served = await openInBrowser(host.url);
  await served.goto(url as string);
  await expect(served.getByRole('heading', { name: 'Served from the project folder' })).toBeVisible();
  await served.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-environments-served-page.png` });

  await card.getByRole('button', { name: 'Logs of Busybox web page' }).click();
  await expect(app.getByText('Container started')).toBeVisible();
  await card.getByRole('button', { name: 'Logs of Busybox web page' }).click();

  await card.getByRole('button', { name: 'Stop Busybox web page' }).click();
  await expect(card.getByText('exited', { exact: true })).toBeVisible({ timeout: 20_000 });
  await card.getByRole('button', { name: 'Start Busybox web page' }).click();
  await expect(card.getByText('running', { exact: true })).toBeVisible();
  const again = await openInBrowser(host.url);
  await again.goto(url as string);
  await expect(again.getByRole('heading', { name: 'Served from the project folder' })).toBeVisible();

  await card.getByRole('button', { name: 'Remove Busybox web page' }).click();
  await app.getByRole('dialog', { name: 'Remove Busybox web page' }).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(app.getByText('No environments yet')).toBeVisible();
});

test('the wizard checks a folder devcontainer.json and shows its problems with line and column', async ({ openInBrowser }, testInfo) => {
  const broken = join(root, 'broken');
  mkdirSync(join(broken, '.devcontainer'), { recursive: true });
  writeFileSync(join(broken, '.devcontainer', 'devcontainer.json'), '{\n  "image": "benchtop-test/busybox",\n  "runArgs": ["--oom-kill-disable"],\n  "forwardPort": [8080],\n}\n');
  const app = await openInBrowser(host.url);
  await openPage(app, 'Environments');
  await app.getByRole('button', { name: 'New environment', exact: true }).first().click();
  const wizard = app.getByRole('dialog', { name: 'New environment' });
  await wizard.getByRole('radio', { name: 'A project folder (devcontainer.json)' }).check();
  await wizard.getByRole('textbox', { name: 'Project folder' }).fill(broken);
  await wizard.getByRole('button', { name: 'Check', exact: true }).click();
  const file = join(broken, '.devcontainer', 'devcontainer.json');
  await expect(wizard.getByText(`${file}:4:3: "forwardPort" is not a devcontainer.json property`)).toBeVisible();
  await expect(wizard.getByText(`${file}:3:15: runArgs: Benchtop does not support the docker run flag --oom-kill-disable`, { exact: false })).toBeVisible();
  await app.screenshot({ path: `${screenshotsDir}${testInfo.project.name}-environments-folder-problems.png` });
  await wizard.getByRole('button', { name: 'Start environment', exact: true }).click();
  await expect(wizard.getByRole('alert')).toContainText(`${file}:3:15: runArgs`);
  expect(docker('ps', '-aq', '--filter', `label=devcontainer.local_folder=${broken}`)).toBe('');
});
