import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, expect, openPage, test } from './support/fixtures.ts';

const example = readFileSync(new URL('../resources/examples/busybox-select/pipeline.yaml', import.meta.url), 'utf8');
const SLOW_TRAIN = "args: ['for i in 1 2 3 4 5 6 7 8; do echo train-a line $i; sleep 1; done; mkdir -p /out && echo 0.81";
let folder: string | null = null;

/** A workspace folder with a copy of the busybox example whose train-a prints a line a second for 8 s, so that it is seen running. */
function writeWorkspace(): { folder: string; file: string } {
  folder = mkdtempSync(join(tmpdir(), 'benchtop-e2e-pipelines-'));
  const text = example.replace("args: ['mkdir -p /out && echo 0.81", SLOW_TRAIN);
  expect(text, 'the example changed: update SLOW_TRAIN').toContain('train-a line');
  const file = join(folder, 'pipeline.yaml');
  writeFileSync(file, text);
  return { folder, file };
}

test.afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
  const left = docker('ps', '-aq', '--filter', 'label=benchtop.pipeline=busybox-select').trim();
  if (left) docker('rm', '-f', ...left.split('\n'));
});

test('a pipeline: its DAG, a live run with logs, form edits that keep comments, validation marks on nodes', async ({ app, shot }) => {
  test.setTimeout(150_000);
  const pageErrors: string[] = [];
  app.on('pageerror', (error) => pageErrors.push(error.message));
  const { folder: dir, file } = writeWorkspace();
  const original = readFileSync(file, 'utf8');
  await openPage(app, 'Pipelines');
  await app.getByRole('textbox', { name: 'Workspace folder path' }).fill(dir);
  await app.getByRole('button', { name: 'Add folder', exact: true }).click();
  const files = app.getByRole('table', { name: 'Pipeline files' });
  // Other specs share this web host and may have added folders of their own: this one's file is one row.
  const row = files.getByRole('row').filter({ has: app.getByRole('button', { name: 'busybox-select', exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('valid · 5 steps');
  await expect(row).toContainText('never');
  await shot('pipelines-list');

  await files.getByRole('button', { name: 'busybox-select', exact: true }).click();
  const canvas = app.getByLabel('Pipeline graph');
  const nodes = canvas.locator('.react-flow__node');
  await expect(nodes).toHaveCount(5);
  for (const step of ['pull', 'features', 'train-a', 'train-b', 'select']) await expect(app.getByTestId(`step-node-${step}`)).toBeVisible();
  await expect(canvas.locator('.dag-edge-artifact').first()).toBeAttached();
  await expect(canvas.locator('.dag-edge-depends')).toHaveCount(5);
  await expect(app.getByRole('status', { name: 'Validation' })).toHaveText('Valid');
  await shot('pipelines-dag');

  // Edit train-b in the form: the YAML changes in place, comments kept; Save writes it.
  await app.getByTestId('step-node-train-b').click();
  const trainB = app.getByRole('complementary', { name: 'Step train-b' });
  await trainB.getByRole('tab', { name: 'Edit' }).click();
  const form = trainB.getByRole('form', { name: 'Edit step train-b' });
  await form.getByRole('textbox', { name: 'Image' }).fill('benchtop-test/busybox');
  await form.getByRole('textbox', { name: 'Retry limit' }).fill('2');
  await form.getByRole('button', { name: 'Apply', exact: true }).click();
  const yaml = app.getByRole('textbox', { name: 'Pipeline YAML text' });
  await expect(yaml).toHaveValue(/ {2}train-b:\n {4}image: benchtop-test\/busybox\n/);
  await expect(yaml).toHaveValue(/retry: \{ limit: 2, backoff: \{ duration: 1s \} \}/);
  await expect(yaml).toHaveValue(/# An MLflow-style MLmodel file/);
  await expect(app.getByLabel('Unsaved changes')).toBeVisible();
  await shot('pipelines-form-edit');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const onDisk = readFileSync(file, 'utf8');
  expect(onDisk).toContain('  train-b:\n    image: benchtop-test/busybox\n');
  expect(onDisk).toContain('    retry: { limit: 2, backoff: { duration: 1s } }\n');
  expect(onDisk.split('\n').filter((line) => line.trimStart().startsWith('#'))).toEqual(example.split('\n').filter((line) => line.trimStart().startsWith('#')));
  const originalLines = original.split('\n');
  const savedLines = onDisk.split('\n');
  expect(savedLines).toHaveLength(originalLines.length);
  expect(savedLines.filter((line, i) => line !== originalLines[i])).toEqual(['    image: benchtop-test/busybox', '    retry: { limit: 2, backoff: { duration: 1s } }']);

  // A validation error typed in the YAML marks its node.
  const broken = onDisk.replace('  train-b:\n    image: benchtop-test/busybox\n    depends: [features]', '  train-b:\n    image: benchtop-test/busybox\n    depends: [featurez]');
  expect(broken).not.toBe(onDisk);
  await yaml.fill(broken);
  const trainBNode = app.getByTestId('step-node-train-b');
  await expect(trainBNode).toHaveClass(/dag-node-invalid/);
  await expect(trainBNode).toHaveAttribute('title', /featurez/);
  await expect(app.getByTestId('step-node-train-a')).not.toHaveClass(/dag-node-invalid/);
  await expect(app.getByRole('list', { name: 'Pipeline problems' })).toContainText('featurez');
  await shot('pipelines-validation');

  // Put the saved text back: the run below uses it.
  await yaml.fill(onDisk);
  await expect(trainBNode).not.toHaveClass(/dag-node-invalid/);
  await expect(app.getByRole('status', { name: 'Validation' })).toHaveText('Valid');

  // Dragging from one step's handle to another's adds a dependency; Delete on the selected edge removes it.
  await app.getByRole('button', { name: 'Close step panel' }).click();
  const from = app.getByTestId('step-node-pull').locator('.react-flow__handle[data-handleid="out"]');
  const to = app.getByTestId('step-node-train-b').locator('.react-flow__handle[data-handleid="in"]');
  await from.dragTo(to);
  await expect(yaml).toHaveValue(/ {2}train-b:\n {4}image: benchtop-test\/busybox\n {4}depends: \[features, pull\]\n/);
  // An edge is a curve: select it from the keyboard (focus, Enter) rather than clicking its bounding box.
  const edge = app.locator('.react-flow__edge.dag-edge-depends[data-id="d:pull->train-b"]');
  await edge.focus();
  await app.keyboard.press('Enter');
  await expect(edge).toHaveClass(/selected/);
  await app.keyboard.press('Delete');
  await expect(yaml).toHaveValue(onDisk);
  await expect(app.getByLabel('Unsaved changes')).toBeHidden();

  // Run through the Run dialog and watch the nodes change state.
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run pipeline' });
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  const trainA = app.getByTestId('step-node-train-a');
  await expect(app.getByTestId('step-node-pull')).toHaveAttribute('data-state', /running|succeeded/, { timeout: 20_000 });
  await expect(trainA).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await expect(app.getByTestId('step-node-pull')).toHaveAttribute('data-state', 'succeeded');

  // The running step's side panel follows its log.
  await trainA.click();
  const panel = app.getByRole('complementary', { name: 'Step train-a' });
  await expect(panel).toBeVisible();
  const log = panel.getByLabel('Log of train-a, attempt 1');
  await expect(log).toContainText('train-a line 1', { timeout: 10_000 });
  await expect(trainA).toHaveAttribute('data-state', 'running');
  await expect(log).toContainText('train-a line 3', { timeout: 10_000 });
  await shot('pipelines-running-logs');
  await expect(app.getByTestId('step-node-select')).toHaveAttribute('data-state', 'succeeded', { timeout: 40_000 });
  await expect(trainA).toHaveAttribute('data-state', 'succeeded');
  await expect(log).toContainText('train-a line 8');
  await panel.getByRole('tab', { name: 'Details' }).click();
  await expect(panel.getByLabel('Cache decision')).toBeVisible();
  await expect(panel.getByLabel('Metrics')).toContainText('score');
  await shot('pipelines-run-done');

  // Leaving with unsaved edits asks first; the draft survives a page change.
  await yaml.fill(onDisk.replace('rows: { type: int, default: 100 }', 'rows: { type: int, default: 7 }'));
  app.once('dialog', (d) => void d.dismiss());
  await app.getByRole('button', { name: '← Pipelines' }).click();
  await expect(canvas).toBeVisible();
  await openPage(app, 'Containers');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  await expect(app.getByRole('textbox', { name: 'Pipeline YAML text' })).toHaveValue(/default: 7 }/);
  await expect(app.getByLabel('Unsaved changes')).toBeVisible();
  expect(readFileSync(file, 'utf8')).toBe(onDisk);
  expect(pageErrors).toEqual([]);
});
