// Export from the pipeline view: the Argo preview, copy, save (with the overwrite confirmation),
// the GitHub Actions tab, and "Submit to cluster". There is no Kubernetes cluster on our machines:
// this spec starts its own web host whose KUBECONFIG points at a loopback HTTPS fake of the
// Kubernetes API (electron/core/exports/test-support/fake-argo-api.ts), which checks each request and answers
// like Argo (Running → Succeeded, pod logs).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeArgoApi, type FakeArgoApi } from '../electron/core/exports/test-support/fake-argo-api.ts';
import { expect, screenshotsDir, test } from './support/fixtures.ts';
import { startWebHostProcess, type RunningWebHost } from './support/web-host.ts';

const example = readFileSync(new URL('../resources/examples/busybox-select/pipeline.yaml', import.meta.url), 'utf8');
let folder: string | null = null;
let api: FakeArgoApi | null = null;
let host: RunningWebHost | null = null;

test.afterEach(async () => {
  await host?.stop();
  await api?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (host) rmSync(host.home, { recursive: true, force: true });
  folder = null;
  api = null;
  host = null;
});

async function shot(page: Page, project: string, name: string) {
  await page.screenshot({ path: `${screenshotsDir}${project}-${name}.png` });
}

test('export a pipeline: Argo preview, copy, save without silent overwrite, GitHub Actions, submit to a (fake) cluster', async ({ openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'needs its own web host with a KUBECONFIG that points at the fake cluster');
  test.setTimeout(120_000);
  folder = mkdtempSync(join(tmpdir(), 'benchtop-e2e-export-'));
  writeFileSync(join(folder, 'pipeline.yaml'), example);
  api = await startFakeArgoApi();
  host = await startWebHostProcess({ KUBECONFIG: api.kubeconfig });
  const app = await openInBrowser(host.url);
  const project = testInfo.project.name;

  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  await app.getByRole('textbox', { name: 'Workspace folder path' }).fill(folder);
  await app.getByRole('button', { name: 'Add folder', exact: true }).click();
  const files = app.getByRole('table', { name: 'Pipeline files' });
  await files.getByRole('button', { name: 'busybox-select', exact: true }).click();
  await app.getByRole('button', { name: 'Export', exact: true }).click();

  const dialog = app.getByRole('dialog', { name: 'Export pipeline' });
  await expect(dialog.getByRole('tab', { name: 'Argo', exact: true })).toHaveAttribute('aria-selected', 'true');
  const preview = dialog.getByLabel('Export preview');
  await expect(preview).toContainText('kind: WorkflowTemplate');
  await expect(preview).toContainText('depends: features.Succeeded');
  await expect(dialog.getByRole('list', { name: 'Export notes' })).toContainText('params.rows.type');
  await shot(app, project, 'export-argo');

  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByText('Copied to the clipboard.')).toBeVisible();

  const target = join(folder, 'busybox-select.argo.yaml');
  await expect(dialog.getByRole('textbox', { name: 'Save to' })).toHaveValue(target);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByText(`Saved ${target}`)).toBeVisible();
  expect(readFileSync(target, 'utf8')).toBe(await preview.textContent());
  writeFileSync(target, 'edited by hand\n');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`${target} already exists.`);
  expect(readFileSync(target, 'utf8')).toBe('edited by hand\n');
  await shot(app, project, 'export-confirm-overwrite');
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(dialog.getByText(`Saved ${target}`)).toBeVisible();
  expect(readFileSync(target, 'utf8')).toContain('kind: WorkflowTemplate');

  await dialog.getByRole('tab', { name: 'GitHub Actions', exact: true }).click();
  await expect(preview).toContainText('workflow_dispatch:');
  await expect(preview).toContainText('node bin/benchtop.mjs run');
  await shot(app, project, 'export-github-actions');
  expect(existsSync(join(folder, 'busybox-select.github-actions.yml'))).toBe(false);

  await dialog.getByRole('tab', { name: 'Argo', exact: true }).click();
  const submit = dialog.getByRole('region', { name: 'Submit to cluster' });
  await expect(submit.getByRole('combobox', { name: 'Context' })).toHaveValue('fake');
  await submit.getByRole('textbox', { name: 'Namespace' }).fill('team-a');
  const params = submit.getByRole('group', { name: 'Params' });
  await expect(params.getByRole('textbox', { name: 'image string' })).toHaveValue('busybox:1.36');
  const rows = params.getByRole('textbox', { name: 'rows int' });
  await expect(rows).toHaveValue('100');
  await rows.fill('4.5');
  await submit.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(params.getByRole('alert')).toHaveText('Param "rows" is a int; "4.5" is not.');
  await shot(app, project, 'export-submit-bad-param');
  expect(api.requests).toEqual([]);
  await rows.fill('42');
  await expect(params.getByRole('alert')).toHaveCount(0);
  await submit.getByRole('button', { name: 'Submit', exact: true }).click();
  const status = submit.getByLabel('Workflow status');
  await expect(status).toContainText(/Workflow busybox-select-\w{5} in team-a \(fake\)/);
  await expect(status.getByLabel('Submitted params')).toHaveText('Params: image=busybox:1.36 rows=42');
  await expect(status).toContainText('Succeeded', { timeout: 60_000 });
  await expect(status.locator('.export-node-succeeded')).toHaveCount(5);
  await status.getByText(/Logs \(5 pods\)/).click();
  await dialog.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await shot(app, project, 'export-submitted');
  expect(api.rejected).toEqual([]);
  expect(api.created).toHaveLength(1);
  const arguments_ = (api.created[0] as unknown as { spec: { arguments: { parameters: { name: string; value: string }[] } } }).spec.arguments.parameters;
  expect(arguments_.map(({ name, value }) => [name, value])).toEqual([
    ['image', 'busybox:1.36'],
    ['rows', '42'],
  ]);
});
