import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openPage, screenshotsDir, test } from './support/fixtures.ts';

const example = readFileSync(new URL('../resources/examples/busybox-select/pipeline.yaml', import.meta.url), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'benchtop-e2e-browse-'));

test.afterAll(async ({ app }) => {
  // Leave the shared host's workspace list as it was.
  await openPage(app, 'Pipelines').catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

test('web mode: Browse… walks the folders of the machine that runs Benchtop and adds the one picked', async ({ app }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'Electron uses the native dialog');
  mkdirSync(join(root, 'projects', 'churn'), { recursive: true });
  mkdirSync(join(root, 'projects', 'vision'), { recursive: true });
  writeFileSync(join(root, 'projects', 'churn', 'pipeline.yaml'), example);
  writeFileSync(join(root, 'notes.txt'), 'not a folder');

  await openPage(app, 'Pipelines');
  await app.getByRole('button', { name: 'Browse…', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Add a workspace folder' });
  await expect(dialog.getByRole('list', { name: 'Folders' })).toBeVisible();

  // A typed path that is a file: the precise error, and the way back stays.
  const path = dialog.getByRole('textbox', { name: 'Folder path' });
  await path.fill(join(root, 'notes.txt'));
  await path.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(`${join(root, 'notes.txt')} is a file, not a folder: pick the folder that holds it.`);
  await expect(dialog.getByRole('button', { name: /^Choose/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Up one folder' }).click();
  await expect(path).toHaveValue(root);
  await expect(dialog.getByRole('alert')).toBeHidden();

  // Into projects, then churn; Choose adds it and its pipeline shows.
  await dialog.getByRole('button', { name: 'projects', exact: true }).click();
  await expect(dialog.getByRole('list', { name: 'Folders' }).getByRole('button')).toHaveText([/churn/, /vision/]);
  await app.screenshot({ path: `${screenshotsDir}web-folder-browser.png` });
  await dialog.getByRole('button', { name: 'churn', exact: true }).click();
  await expect(path).toHaveValue(join(root, 'projects', 'churn'));
  await expect(dialog.getByText('No folders in here.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Choose churn', exact: true }).click();
  await expect(dialog).toBeHidden();
  const chip = app.getByTitle(join(root, 'projects', 'churn'), { exact: true });
  await expect(chip).toBeVisible();
  await expect(app.getByRole('table', { name: 'Pipeline files' })).toContainText('busybox-select');

  // Escape closes the browser without picking.
  await app.getByRole('button', { name: 'Browse…', exact: true }).click();
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await chip.getByRole('button', { name: `Remove folder ${join(root, 'projects', 'churn')}` }).click();
  await expect(chip).toBeHidden();
});
