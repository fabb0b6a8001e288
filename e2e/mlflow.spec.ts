import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, openPage, test } from './support/fixtures.ts';

const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const countryguess = fileURLToPath(new URL('../../shared/fixtures/mlflow/countryguess-2x-registry-aliases/mlruns', import.meta.url));

/** `benchtop …` against the web host's data folder, as a person would in a terminal beside the app. */
function benchtop(...args: string[]): string {
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BENCHTOP_HOME: home }, timeout: 60_000 });
}

test('an mlruns folder imported with benchtop mlflow import shows on the Models page with its alias, metrics and files', async ({ app, shot }) => {
  const summary = JSON.parse(benchtop('mlflow', 'import', countryguess, '--json')) as { versions: { added: number; unchanged: number } };
  expect(summary.versions.added + summary.versions.unchanged).toBe(2);

  await openPage(app, 'Models');
  const list = app.getByRole('navigation', { name: 'Models' });
  await list.getByRole('button', { name: /triplet_model/ }).click();
  const detail = app.getByLabel('Model triplet_model', { exact: true });
  await expect(detail.getByText(/^champion → v1$/)).toBeVisible();
  // The run's latest metrics (MLflow's rule: highest step), its files with the MLmodel flavor, and the run in the lineage.
  // A row shows two metrics and counts the rest; every metric is in the cell's tooltip.
  const metrics = detail.getByRole('table', { name: 'Versions' }).getByRole('row', { name: /^Compare v1/ }).locator('td.cell-metrics');
  await expect(metrics).toContainText('+6 more');
  await expect(metrics).toHaveAttribute('title', /(^|\n)val_top_1_acc 0\.77(\n|$)/);
  const version = app.getByRole('region', { name: /^Version 1$/ });
  await expect(version.getByText('pytorch', { exact: true })).toBeVisible();
  await expect(version.getByText('Files (5)')).toBeVisible();
  const lineage = version.getByRole('figure', { name: 'Lineage graph' });
  await expect(lineage.locator('[data-kind="run"]')).toContainText('crawling-gnu-274');
  await lineage.scrollIntoViewIfNeeded();
  await shot('mlflow-imported-model');

  // Importing again changes nothing.
  const again = JSON.parse(benchtop('mlflow', 'import', countryguess, '--json')) as { runs: { added: number; updated: number }; versions: { added: number; updated: number } };
  expect([again.runs.added, again.runs.updated, again.versions.added, again.versions.updated]).toEqual([0, 0, 0, 0]);
});

const registryDb = fileURLToPath(new URL('../../shared/fixtures/mlflow/mlewp2-2x-registry-sqlite/mlflow.db', import.meta.url));

test('an mlflow.db imported from the Models page dialog adds its registered models; importing again changes nothing', async ({ app, shot }) => {
  await openPage(app, 'Models');
  await app.getByRole('button', { name: 'Import from MLflow…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import from MLflow' });
  await dialog.getByLabel('mlruns folder or mlflow.db file').fill('/nonexistent/mlflow.db');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('The import failed and changed nothing.');
  await expect(dialog.getByRole('alert')).toContainText('/nonexistent/mlflow.db');

  await dialog.getByLabel('mlruns folder or mlflow.db file').fill(registryDb);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Imported the database in \d+ ms\.$/, { timeout: 30_000 });
  const summary = dialog.getByRole('table', { name: 'Import summary' });
  const versionsRow = summary.getByRole('row', { name: /^Model versions/ });
  const added = Number(await versionsRow.getByRole('cell').nth(0).textContent());
  const unchanged = Number(await versionsRow.getByRole('cell').nth(2).textContent());
  expect(added + unchanged).toBe(21);
  await shot('mlflow-import-dialog');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Imported the database/, { timeout: 30_000 });
  await expect(versionsRow.getByRole('cell')).toHaveText(['0', '0', '21']);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(app.getByRole('navigation', { name: 'Models' }).getByRole('button', { name: /prophet-retail-forecaster/ }).first()).toBeVisible();
});
