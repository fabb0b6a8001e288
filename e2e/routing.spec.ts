import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { docker, expect, screenshotsDir, test } from './support/fixtures.ts';

// Addresses for every view (renderer/src/routing/): reload and Back/Forward keep the view, a copied
// link with the token opens a run step's logs in a fresh browser, and the command palette finds and
// acts on runs, pipelines, stacks and environments. Real web host, real engine, Debian's Chromium.
const suffix = Date.now().toString(36);
const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-routing-'));
const PIPELINE = `e2e-route-${suffix}`;
const pipelineFile = join(dir, 'route.yaml');
writeFileSync(
  pipelineFile,
  `apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: ${PIPELINE}
steps:
  hello:
    image: benchtop-test/busybox
    command: [sh, -c]
    args: ['echo "routing says hello ${suffix}"; echo second line']
  after:
    image: benchtop-test/busybox
    depends: [hello]
    command: ['true']
`,
);
const STACK = `e2e-route-stack-${suffix}`;
const ENV_FOLDER = join(dir, 'env-folder');
const WEB = `e2e-route-web-${suffix}`;
const containers = [`${STACK}-web-1`, `e2e-route-env-${suffix}`, WEB];

test.describe.configure({ mode: 'serial' });

test.afterAll(() => {
  for (const name of containers) {
    try {
      docker('rm', '-f', name);
    } catch {
      // Already gone (taken down by the test).
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);
const shotOf = (page: Page, name: string) => page.screenshot({ path: `${screenshotsDir}web-routing-${name}.png` });

test('every page keeps its view on reload, and Back and Forward walk the pages', async ({ app }) => {
  test.setTimeout(180_000);
  const nav = app.getByRole('navigation', { name: 'Main' });
  const labels = (await nav.locator('button.nav-item').allTextContents()).map((t) => t.trim()).filter((t) => t !== '');
  expect(labels.length).toBeGreaterThan(10);
  const visited: { label: string; path: string; heading: string }[] = [];
  for (const label of labels) {
    await nav.getByRole('button', { name: label, exact: true }).click();
    const heading = app.getByRole('heading', { level: 1 }).first();
    await expect(heading).toBeVisible();
    const text = ((await heading.textContent()) ?? '').trim();
    const path = pathOf(app);
    if (visited.length > 0 || label !== 'Home') expect(path, label).not.toBe('/');
    await app.reload();
    await expect(app.getByRole('heading', { level: 1, name: text, exact: true }), `${label} after reload`).toBeVisible();
    expect(pathOf(app)).toBe(path);
    visited.push({ label, path, heading: text });
  }
  // Every page has its own address.
  expect(new Set(visited.map((v) => v.path)).size).toBe(visited.length);
  await shotOf(app, 'page-reloaded');

  for (let i = visited.length - 2; i >= visited.length - 4; i--) {
    await app.goBack();
    await expect(app.getByRole('heading', { level: 1, name: visited[i].heading, exact: true }), `Back to ${visited[i].label}`).toBeVisible();
    expect(pathOf(app)).toBe(visited[i].path);
  }
  await app.goForward();
  const forward = visited[visited.length - 3];
  await expect(app.getByRole('heading', { level: 1, name: forward.heading, exact: true })).toBeVisible();
  expect(pathOf(app)).toBe(forward.path);
});

test('a run step has an address: its logs survive a reload, Back and Forward, and a copied link opens them in a fresh browser', async ({ app, openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'the link carries the web host token and opens in a second browser');
  test.setTimeout(180_000);
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Runs', exact: true }).click();
  await app.getByRole('button', { name: 'New run…', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'New run' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(pipelineFile);
  await ask.getByRole('button', { name: 'Next', exact: true }).click();
  await app.getByRole('dialog', { name: 'Run pipeline' }).getByRole('button', { name: 'Run', exact: true }).click();
  const header = app.locator('.run-detail-header');
  await expect(header.getByText('succeeded', { exact: true })).toBeVisible({ timeout: 90_000 });
  const runId = ((await header.locator('code.run-id').textContent()) ?? '').trim();
  expect(pathOf(app)).toBe(`/runs/${runId}`);

  await app.reload();
  await expect(app.locator('.run-detail-header code.run-id')).toHaveText(runId);

  await app.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'Open step hello', exact: true }).click();
  const logs = app.getByRole('region', { name: 'Outputs of hello' });
  await expect(logs.getByLabel('Log of hello')).toContainText(`routing says hello ${suffix}`);
  expect(pathOf(app)).toBe(`/runs/${runId}/steps/hello`);
  await shotOf(app, 'run-step-logs');

  await app.reload();
  await expect(app.getByRole('region', { name: 'Outputs of hello' }).getByLabel('Log of hello')).toContainText(`routing says hello ${suffix}`);

  await app.goBack();
  await expect(app.getByRole('region', { name: 'Outputs of hello' })).toHaveCount(0);
  await expect(app.locator('.run-detail-header code.run-id')).toHaveText(runId);
  expect(pathOf(app)).toBe(`/runs/${runId}`);
  await app.goForward();
  await expect(app.getByRole('region', { name: 'Outputs of hello' }).getByLabel('Log of hello')).toContainText('second line');

  await app.getByRole('button', { name: 'Copy link to step hello', exact: true }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Link copied, with the access token' })).toBeVisible();
  await shotOf(app, 'copy-link');
  const link = await app.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(app.url()).origin;
  expect(link).toMatch(new RegExp(`^${origin}/runs/${runId}/steps/hello\\?token=[\\w-]{16,}$`));

  // Someone else's browser: no cookie yet, the token in the link signs it in and the same view opens.
  const fresh = await openInBrowser(link);
  await expect(fresh.getByRole('region', { name: 'Outputs of hello' }).getByLabel('Log of hello')).toContainText(`routing says hello ${suffix}`, { timeout: 20_000 });
  expect(new URL(fresh.url()).search).toBe('');
  expect(pathOf(fresh)).toBe(`/runs/${runId}/steps/hello`);
  await fresh.reload();
  await expect(fresh.getByRole('region', { name: 'Outputs of hello' })).toBeVisible();
  await fresh.screenshot({ path: `${screenshotsDir}web-routing-deep-link-fresh.png` });
  // Without the token the link is no way in.
  const noToken = await openInBrowser(link.replace(/\?token=.*$/, ''));
  await expect(noToken.getByText('Benchtop needs its access token')).toBeVisible();

  // A pipeline's address holds its file's path (dots and slashes) and survives a reload.
  await app.goto(`${origin}/pipelines/${encodeURIComponent(pipelineFile)}`);
  await expect(app.locator('.pipeline-title')).toHaveText('route.yaml', { timeout: 20_000 });
  // Not yet in a workspace folder: the page offers to add it (the palette test below lists it too).
  await app.getByRole('button', { name: `Add ${dir} as a workspace folder`, exact: true }).click();
  await expect(app.locator('.pipeline-title')).toHaveText(PIPELINE, { timeout: 20_000 });
  await app.reload();
  await expect(app.locator('.pipeline-title')).toHaveText(PIPELINE, { timeout: 20_000 });
  await shotOf(app, 'pipeline');
});

test('the command palette finds runs, pipelines, stacks and environments, opens them at their address and asks before removing', async ({ app }) => {
  test.setTimeout(120_000);
  docker('run', '-d', '--name', containers[0], '--label', `com.docker.compose.project=${STACK}`, '--label', 'com.docker.compose.service=web', '--label', 'com.docker.compose.container-number=1', 'benchtop-test/busybox', 'sleep', '600');
  docker('run', '-d', '--name', containers[1], '--label', `devcontainer.local_folder=${ENV_FOLDER}`, 'benchtop-test/busybox', 'sleep', '600');
  const nav = app.getByRole('navigation', { name: 'Main' });
  // The run test above added the folder of the pipeline file as a workspace folder (not in Electron, where it is skipped).
  await nav.getByRole('button', { name: 'Pipelines', exact: true }).click();
  if ((await app.getByRole('button', { name: `Remove folder ${dir}`, exact: true }).count()) === 0) {
    await app.getByRole('textbox', { name: 'Workspace folder path' }).fill(dir);
    await app.getByRole('button', { name: 'Add folder', exact: true }).click();
  }
  await expect(app.getByRole('table', { name: 'Pipeline files' })).toContainText(PIPELINE);
  await nav.getByRole('button', { name: 'Home', exact: true }).click();

  const palette = app.getByRole('dialog', { name: 'Command palette' });
  const choose = async (query: string, label: string) => {
    await app.keyboard.press('Control+k');
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox', { name: 'Search commands' }).or(palette.getByRole('textbox', { name: 'Search commands' })).fill(query);
    await palette.getByRole('option', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().click();
    await expect(palette).toHaveCount(0);
  };

  await choose(PIPELINE, `Open pipeline ${PIPELINE}`);
  await expect(app.locator('.pipeline-title')).toHaveText(PIPELINE);
  expect(pathOf(app)).toBe(`/pipelines/${pipelineFile}`);

  await choose(`run ${PIPELINE}`, 'Open run');
  await expect(app.locator('.run-detail-header h2')).toHaveText(new RegExp(`^${PIPELINE} [a-z]+-[a-z]+$`));
  expect(pathOf(app)).toMatch(/^\/runs\/[^/]+$/);

  await choose(STACK, `Open stack ${STACK}`);
  await expect(app.getByRole('region', { name: `Merged logs of ${STACK}`, exact: true })).toBeVisible({ timeout: 20_000 });
  expect(pathOf(app)).toBe(`/stacks/${STACK}`);
  await app.reload();
  await expect(app.getByRole('region', { name: `Merged logs of ${STACK}`, exact: true })).toBeVisible({ timeout: 20_000 });

  await choose(STACK, `Take down stack ${STACK}…`);
  const down = app.getByRole('dialog', { name: `Down ${STACK}`, exact: true });
  await expect(down).toBeVisible();
  await shotOf(app, 'palette-down-confirm');
  await down.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(down).toHaveCount(0);
  expect(docker('inspect', '-f', '{{.State.Running}}', containers[0])).toBe('true');

  await choose('env-folder', 'Open environment env-folder');
  const card = app.getByRole('region', { name: 'Environment env-folder' });
  await expect(card).toHaveAttribute('aria-current', 'true');
  expect(pathOf(app)).toMatch(/^\/environments\/[^/]+$/);
  await app.reload();
  await expect(app.getByRole('region', { name: 'Environment env-folder' })).toHaveAttribute('aria-current', 'true');
  await shotOf(app, 'environment');

  await choose('env-folder', 'Remove environment env-folder…');
  const remove = app.getByRole('dialog', { name: 'Remove env-folder' });
  await expect(remove).toBeVisible();
  await remove.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(remove).toHaveCount(0);
  expect(docker('inspect', '-f', '{{.State.Running}}', containers[1])).toBe('true');

  // Remove the workspace folder again (the shared e2e home is used by other specs).
  await nav.getByRole('button', { name: 'Pipelines', exact: true }).click();
  const back = app.getByRole('button', { name: '← Pipelines', exact: true });
  if (await back.isVisible()) await back.click();
  await app.getByRole('button', { name: `Remove folder ${dir}`, exact: true }).click();
});

test('a published port opens through the web host origin, not localhost', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'the desktop app keeps localhost links');
  test.setTimeout(90_000);
  // busybox httpd serving one page on a port the engine publishes on a free loopback port.
  docker('run', '-d', '--name', WEB, '-p', '127.0.0.1::8080', 'benchtop-test/busybox', 'sh', '-c', `mkdir -p /www && echo "served by ${WEB}" > /www/index.html && httpd -f -p 8080 -h /www`);
  const hostPort = docker('port', WEB, '8080/tcp').split(':').at(-1) ?? '';
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers', exact: true }).click();
  const row = app.getByRole('row').filter({ hasText: WEB });
  const link = row.getByRole('link', { name: `http://localhost:${hostPort}` });
  const origin = new URL(app.url()).origin;
  await expect(link).toHaveAttribute('href', `${origin}/ports/${hostPort}/`, { timeout: 20_000 });
  // Clicking it opens the container's page in a new tab, through the web host (the tab has the cookie).
  const [opened] = await Promise.all([app.waitForEvent('popup'), link.click()]);
  await expect(opened.locator('body')).toContainText(`served by ${WEB}`);
  expect(opened.url()).toBe(`${origin}/ports/${hostPort}/`);
  await opened.close();
  // A port no container publishes is not reachable through the web host.
  const answer = await app.request.get(`${origin}/ports/1/`);
  expect(answer.status()).toBe(502);
});
