import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, expect, openPage, test } from './support/fixtures.ts';

const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const example = fileURLToPath(new URL('../resources/examples/busybox-select/pipeline.yaml', import.meta.url));

/** `benchtop …` against the web host's data folder, as a person would in a terminal beside the app. */
function benchtop(...args: string[]): string {
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BENCHTOP_HOME: home }, timeout: 150_000 });
}

test.afterEach(() => {
  const left = docker('ps', '-aq', '--filter', 'label=benchtop.pipeline=busybox-select').trim();
  if (left) docker('rm', '-f', ...left.split('\n'));
});

test('after the example pipeline runs: the champion, both candidates compared, the lineage from the dataset, the features', async ({ app, shot }) => {
  test.setTimeout(180_000);
  // A copy outside every workspace folder: opening its run from the lineage offers to add the folder.
  const folder = mkdtempSync(join(tmpdir(), 'benchtop-catalog-e2e-'));
  const pipelineFile = join(folder, 'pipeline.yaml');
  writeFileSync(pipelineFile, readFileSync(example, 'utf8'));
  const run = JSON.parse(benchtop('run', pipelineFile, '--no-cache', '--json')) as { id: string; state: string };
  expect(run.state).toBe('succeeded');

  await openPage(app, 'Models');
  const list = app.getByRole('navigation', { name: 'Models' });
  await list.getByRole('button', { name: /busybox-scorer/ }).click();
  const detail = app.getByLabel('Model busybox-scorer', { exact: true });
  await expect(detail.getByText(/^champion → v\d+$/)).toBeVisible();

  // Both candidates of this run side by side: score differs, the winner's is marked best.
  const compare = detail.getByRole('table', { name: 'Version comparison' });
  const scoreRow = compare.getByRole('row').filter({ has: app.getByRole('rowheader', { name: 'score', exact: true }) });
  await expect(scoreRow).toContainText('0.81');
  await expect(scoreRow).toContainText('0.87');
  await expect(scoreRow).toHaveAttribute('data-differs', 'true');
  await expect(scoreRow.locator('td.compare-best')).toHaveText('0.87');
  await expect(compare.getByRole('columnheader').filter({ hasText: 'champion' })).toContainText('train-b');
  await expect(detail.getByRole('img', { name: /across versions/ })).toBeVisible();
  await shot('catalog-compare');

  // The champion in detail: its source run and the lineage from the dataset.
  const champion = app.getByRole('region', { name: /^Version \d+$/ });
  await expect(champion.getByText('champion', { exact: true })).toBeVisible();
  await expect(champion.getByRole('button', { name: `run ${run.id}`, exact: true })).toBeVisible();
  await expect(champion.getByText('"name": "square"')).toBeVisible();
  const lineage = champion.getByRole('figure', { name: 'Lineage graph' });
  await expect(lineage.locator('[data-kind="dataset"]')).toContainText('pull.raw');
  for (const step of ['pull', 'features', 'train-b', 'select']) await expect(lineage.locator('[data-kind="step"]').filter({ hasText: new RegExp(`^step${step}run`) })).toHaveCount(1);
  await expect(lineage.locator('[data-kind="model_version"]')).toContainText('busybox-scorer');
  // Edges are drawn once React Flow has measured their nodes' handles, a frame or more after the nodes exist.
  await expect.poll(() => lineage.locator('.react-flow__edge').count()).toBeGreaterThanOrEqual(8);
  await lineage.scrollIntoViewIfNeeded();
  await shot('catalog-models');

  // The metric filter: matches, and a bad one names its column.
  const search = app.getByRole('searchbox', { name: 'Search versions' });
  await search.fill('score > 0.85 AND alias = champion');
  const results = app.getByRole('table', { name: 'Search results' });
  await expect(results.getByRole('row')).toHaveCount(2);
  await expect(results).toContainText('champion');
  await search.fill('score >> 1');
  await expect(app.getByRole('alert')).toContainText('column 8');
  await search.fill('');

  // A node of the lineage opens its run's pipeline on the Pipelines page; its folder is not a workspace folder yet.
  await lineage.getByRole('button', { name: new RegExp(`Open run ${run.id} \\(pull\\.raw\\)`) }).click();
  await expect(app.getByRole('alert')).toContainText('is not inside a workspace folder');
  await app.getByRole('button', { name: `Add ${folder} as a workspace folder` }).click();
  await expect(app.locator('.react-flow__node')).toHaveCount(5);
  await expect(app.getByLabel('Watched run')).toContainText(`${run.id} · succeeded`);
  await expect(app.getByRole('status', { name: 'Validation' })).toHaveText('Valid');
  await shot('catalog-lineage-opens-run');
  await app.getByRole('button', { name: '← Pipelines' }).click();
  await app.getByRole('button', { name: `Remove folder ${folder}` }).click();
  await expect(app.getByRole('button', { name: `Remove folder ${folder}` })).toHaveCount(0);
  rmSync(folder, { recursive: true, force: true });

  await openPage(app, 'Features');
  await app.getByRole('navigation', { name: 'Feature sets' }).getByRole('button', { name: /busybox-rows/ }).click();
  const features = app.getByLabel('Feature set busybox-rows', { exact: true });
  await expect(features).toContainText('newest event 2026-01-28T00:00:00.000Z');
  await expect(features.getByRole('table', { name: 'Features' })).toContainText('square');
  await expect(features.getByRole('table', { name: 'Features' })).toContainText('int64');
  await expect(features.getByRole('button', { name: /^busybox-scorer v\d+$/ }).first()).toBeVisible();
  await shot('catalog-features');
});

test('register a model from the UI: by typing a path on the host, and by dropping a file', async ({ app, shot }) => {
  const folder = mkdtempSync(join(tmpdir(), 'benchtop-e2e-model-'));
  try {
    writeFileSync(join(folder, 'weights.bin'), 'typed-path weights');
    await openPage(app, 'Models');
    await app.getByRole('button', { name: 'Register model', exact: true }).click();
    const dialog = app.getByRole('dialog', { name: 'Register model' });
    await dialog.getByRole('textbox', { name: 'Model name' }).fill('e2e-typed');
    await dialog.getByRole('textbox', { name: 'Model path' }).fill(join(folder, 'missing'));
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('does not exist');
    await dialog.getByRole('textbox', { name: 'Model path' }).fill(folder);
    await dialog.getByRole('textbox', { name: 'Aliases' }).fill('champion');
    await dialog.getByRole('textbox', { name: 'Metrics' }).fill('accuracy=0.93, loss=0.2');
    await dialog.getByRole('textbox', { name: 'Model card' }).fill('# Typed\nRegistered by **path**.');
    await shot('catalog-register');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog).toBeHidden();
    const detail = app.getByLabel('Model e2e-typed', { exact: true });
    await expect(detail.getByText('champion → v1')).toBeVisible();
    await expect(detail.getByRole('table', { name: 'Versions' })).toContainText('accuracy 0.93 · loss 0.2');
    await expect(app.getByLabel('Model card')).toContainText('Registered by path.');

    await app.getByRole('button', { name: 'Register model', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Model name' }).fill('e2e-dropped');
    const transfer = await app.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped weights'], 'model.onnx'));
      return data;
    });
    await dialog.getByRole('region', { name: 'Drop model files' }).dispatchEvent('drop', { dataTransfer: transfer });
    await expect(dialog.getByRole('region', { name: 'Drop model files' })).toContainText('1 files dropped (model.onnx)');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog).toBeHidden();
    const dropped = app.getByRole('region', { name: 'Version 1' });
    await expect(dropped).toContainText('e2e-dropped v1');
    await expect(dropped).toContainText('1 files, 15 B');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
