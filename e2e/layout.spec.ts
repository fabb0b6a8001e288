import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { containerName, docker, expect, openPage, screenshotsDir, test } from './support/fixtures.ts';

// Layouts that fit at 1024×700 (and 1440×900), relative times that tick, overlays that close on
// Escape and outside presses, toasts clear of dialogs, and a removed container's panel closing with
// a toast: through the web host on the real engine, with real containers, pipeline runs and models.

const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1440, height: 900 };
const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const LABEL = `benchtop.test.layout=${unique}`;
const MODEL = `layout-classifier-${unique}`;
const PIPELINE = `layout-sweep-${unique}`;

function benchtop(...args: string[]): string {
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BENCHTOP_HOME: home }, timeout: 150_000 });
}

function removeOurContainers(): void {
  const left = docker('ps', '-aq', '--filter', `label=${LABEL}`).trim();
  if (left) docker('rm', '-f', ...left.split('\n'));
}
test.afterAll(removeOurContainers);
/** Folders this file adds to the shared web host's workspaces: gone afterwards, so that no other spec lists their pipelines. */
const madeFolders: string[] = [];
test.afterAll(() => {
  for (const folder of madeFolders) rmSync(folder, { recursive: true, force: true });
});

function runBusybox(name: string): void {
  docker('run', '-d', '--name', name, '--label', LABEL, '--label', 'benchtop.test=1', 'benchtop-test/busybox', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
}

/**
 * How many characters of a cell's text a person can read: all of them when nothing is clipped,
 * else the share of the text that fits its visible width (text-overflow: ellipsis clips it).
 */
async function visibleCharacters(cell: Locator): Promise<number> {
  return cell.evaluate((el) => {
    const text = (el.textContent ?? '').trim();
    const box = el.getBoundingClientRect();
    if (box.width === 0) return 0;
    if (el.scrollWidth <= el.clientWidth + 1) return text.length;
    return Math.floor((text.length * el.clientWidth) / el.scrollWidth) - 1;
  });
}

/** The scroll box of a wide table scrolls sideways while its first column stays where it was. */
async function expectStickyFirstColumn(table: Locator): Promise<void> {
  const box = table.locator('xpath=..');
  const firstHeader = table.locator('thead th').first();
  const before = await firstHeader.boundingBox();
  const scrolled = await box.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  await expect.poll(async () => (await firstHeader.boundingBox())?.x).toBe(before?.x);
  await box.evaluate((el) => (el.scrollLeft = 0));
}

async function setTheme(app: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await app.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

test('at 1024×700 the Containers table keeps names and images readable; statuses tick; overlays close; toasts clear dialogs; a removed container closes its panel', async ({ app }) => {
  test.setTimeout(120_000);
  const names = [1, 2, 3].map((n) => containerName(`e2e-layout-${unique}-distributed-training-worker-${n}`));
  for (const name of names) runBusybox(name);
  await app.setViewportSize(SMALL);
  await openPage(app, 'Containers');
  await app.getByLabel('Filter containers', { exact: true }).fill(unique);
  const table = app.getByRole('table', { name: 'Containers' });
  await expect(table.getByRole('row')).toHaveCount(names.length + 1);

  for (const name of names) {
    const row = table.getByRole('row').filter({ has: app.getByRole('button', { name: `Details of ${name}`, exact: true }).first() });
    expect(await visibleCharacters(row.locator('td.col-name .container-name'))).toBeGreaterThanOrEqual(10);
    expect(await visibleCharacters(row.locator('td.col-image'))).toBeGreaterThanOrEqual(10);
  }
  // Nothing spills out sideways: the table fits its box.
  expect(await table.evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0) + 1)).toBe(true);
  await app.screenshot({ path: `${screenshotsDir}layout-containers-narrow.png` });
  // The same in a 1280×800 window (the Electron default) and at 1440×900, with more columns back.
  for (const size of [{ width: 1280, height: 800 }, LARGE]) {
    await app.setViewportSize(size);
    await expect(table.getByRole('columnheader', { name: 'Created' })).toBeVisible();
    for (const name of names) {
      const row = table.getByRole('row').filter({ has: app.getByRole('button', { name: `Details of ${name}`, exact: true }).first() });
      expect(await visibleCharacters(row.locator('td.col-name .container-name'))).toBeGreaterThanOrEqual(14);
      expect(await visibleCharacters(row.locator('td.col-image'))).toBeGreaterThanOrEqual(14);
    }
    expect(await table.evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0) + 1)).toBe(true);
  }
  await app.setViewportSize(SMALL);

  // The status ticks while the page stays open ("Up Less than a second" does not stay).
  const status = table.locator('td.col-status').first();
  const firstStatus = await status.textContent();
  expect(firstStatus).toMatch(/^Up /);
  await expect.poll(async () => status.textContent(), { timeout: 10_000 }).not.toBe(firstStatus);

  // The Tasks panel: Escape, a press outside and a page change close it.
  const tasksButton = app.getByRole('button', { name: 'Tasks' });
  const tasksPanel = app.getByRole('region', { name: 'Tasks panel' });
  await tasksButton.click();
  await expect(tasksPanel).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(tasksPanel).toBeHidden();
  await tasksButton.click();
  await expect(tasksPanel).toBeVisible();
  await app.getByRole('heading', { name: 'Containers', level: 1 }).click();
  await expect(tasksPanel).toBeHidden();
  await tasksButton.click();
  await expect(tasksPanel).toBeVisible();
  await openPage(app, 'Images');
  await expect(tasksPanel).toBeHidden();
  await openPage(app, 'Containers');

  // The palette and dialogs close on Escape (a dialog's Escape is its Cancel).
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await app.getByRole('button', { name: 'Run a container', exact: true }).click();
  const runDialog = app.getByRole('dialog', { name: 'Run a container' });
  await expect(runDialog).toBeVisible();
  await runDialog.getByRole('heading').click(); // focus leaves the fields: Escape still closes it
  await app.keyboard.press('Escape');
  await expect(runDialog).toBeHidden();
  await app.getByRole('button', { name: `Remove ${names[0]}`, exact: true }).click();
  const removeDialog = app.getByRole('dialog', { name: 'Remove containers' });
  await expect(removeDialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(removeDialog).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(names.length + 1);

  // A toast raised while a dialog is open stays clear of the dialog's primary button: the details
  // of names[2] are open when it is removed from the CLI, with the Run dialog open on top.
  await app.getByRole('button', { name: `Details of ${names[2]}`, exact: true }).first().click();
  await expect(app.getByRole('region', { name: `Details of ${names[2]}` })).toBeVisible();
  await app.getByRole('button', { name: 'Run a container', exact: true }).click();
  await expect(runDialog).toBeVisible();
  docker('rm', '-f', names[2]);
  const removedToast = app.getByRole('status').filter({ hasText: `Container ${names[2]} was removed` });
  await expect(removedToast).toBeVisible({ timeout: 15_000 });
  const toastBox = await removedToast.boundingBox();
  const runButton = await runDialog.getByRole('button', { name: 'Run', exact: true }).boundingBox();
  const dialogBox = await runDialog.boundingBox();
  expect(toastBox && runButton && dialogBox).toBeTruthy();
  const overlap = (a: NonNullable<typeof toastBox>, b: NonNullable<typeof toastBox>) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap(toastBox!, runButton!)).toBe(false);
  expect(overlap(toastBox!, dialogBox!)).toBe(false);
  await app.screenshot({ path: `${screenshotsDir}layout-toast-beside-dialog.png` });
  await app.keyboard.press('Escape');
  await expect(runDialog).toBeHidden();
  await expect(app.getByRole('region', { name: `Details of ${names[2]}` })).toBeHidden();
  await expect(app.getByText(`${names[2]} no longer exists.`)).toHaveCount(0);

  // Removing a container from the UI with its panel open: the panel closes with a toast.
  await app.getByRole('button', { name: `Details of ${names[1]}`, exact: true }).first().click();
  const details = app.getByRole('region', { name: `Details of ${names[1]}` });
  await expect(details).toBeVisible();
  await app.getByRole('button', { name: `Remove ${names[1]}`, exact: true }).click();
  await removeDialog.getByText('Force remove running containers').click();
  await removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(details).toBeHidden({ timeout: 15_000 });
  await expect(app.getByRole('status').filter({ hasText: `Container ${names[1]} was removed` })).toBeVisible();
});

test('at 1024×700 model versions, run compare and experiment compare scroll with a pinned first column and say how many columns are off screen', async ({ app }) => {
  test.setTimeout(300_000);
  // A model with five versions of fourteen metrics each, registered as catalog.spec.ts does (CLI).
  const folder = mkdtempSync(join(tmpdir(), 'benchtop-layout-e2e-'));
  madeFolders.push(folder);
  writeFileSync(join(folder, 'weights.txt'), 'weights\n');
  const metricNames = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss', 'val_loss', 'train_loss', 'latency_p50_ms', 'latency_p95_ms', 'throughput_rps', 'calibration_error', 'brier_score', 'mcc'];
  for (let v = 1; v <= 5; v++) {
    const metrics = metricNames.map((m, i) => `${m}=${(0.5 + ((v * 7 + i * 3) % 40) / 100).toFixed(4)}`).join(',');
    benchtop('models', 'register', MODEL, join(folder, 'weights.txt'), '--metric', metrics, '--param', `learning_rate=0.0${v},max_depth=${v + 2},n_estimators=${v * 100}`, ...(v === 3 ? ['--alias', 'champion'] : []));
  }

  // Two runs of a pipeline with long param names and a dozen metrics.
  const pipelineFile = join(folder, 'pipeline.yaml');
  const metricsJson = `{${metricNames.slice(0, 12).map((m, i) => `\\"${m}\\": 0.${i + 1}\${params.training_rows}`).join(', ')}}`;
  writeFileSync(
    pipelineFile,
    [
      'apiVersion: benchtop/v1',
      'kind: Pipeline',
      `metadata: { name: ${PIPELINE} }`,
      'params:',
      '  training_rows: { type: int, default: 100 }',
      '  learning_rate_schedule: { default: cosine }',
      '  regularization_strength: { default: "0.001" }',
      '  feature_selection_method: { default: mutual-information }',
      'steps:',
      '  train:',
      '    image: benchtop-test/busybox',
      '    command: [sh, -c]',
      `    args: ['mkdir -p /out && echo "${metricsJson}" > /out/metrics.json']`,
      '    outputs:',
      '      metrics: { path: /out/metrics.json }',
      '',
    ].join('\n'),
  );
  const first = JSON.parse(benchtop('run', pipelineFile, '--no-cache', '--json')) as { id: string; state: string };
  const second = JSON.parse(benchtop('run', pipelineFile, '--no-cache', '--json', '--param', 'training_rows=25', '--param', 'learning_rate_schedule=step')) as { id: string; state: string };
  expect([first.state, second.state]).toEqual(['succeeded', 'succeeded']);

  await app.setViewportSize(SMALL);

  // Models: the compare box pins the Key column and says how many versions are off to the side.
  await openPage(app, 'Models');
  await app.getByRole('navigation', { name: 'Models' }).getByRole('button', { name: new RegExp(MODEL) }).click();
  const detail = app.getByLabel(`Model ${MODEL}`, { exact: true });
  for (let v = 1; v <= 5; v++) await detail.getByRole('checkbox', { name: `Compare v${v}`, exact: true }).check();
  const versions = detail.getByRole('table', { name: 'Version comparison' });
  await expect(versions.getByRole('columnheader')).toHaveCount(6);
  const more = detail.getByRole('button', { name: /more columns? to the right/ });
  await expect(more).toBeVisible();
  await expect(more).toHaveText(/^\d+ more →$/);
  await app.screenshot({ path: `${screenshotsDir}layout-models-compare-narrow.png` });
  await expectStickyFirstColumn(versions);
  // "N more →" scrolls the hidden versions into view.
  await more.click();
  await expect.poll(async () => versions.locator('xpath=..').evaluate((el) => el.scrollLeft), { timeout: 15_000 }).toBeGreaterThan(0);

  // Runs: the run id column stays whole; compare scrolls with the run pinned and a count.
  await openPage(app, 'Runs');
  const runsTable = app.getByRole('table', { name: 'Runs' });
  await app.getByRole('searchbox', { name: 'Filter runs' }).fill(PIPELINE);
  await expect(runsTable.locator('tbody tr')).toHaveCount(2);
  await runsTable.getByRole('checkbox', { name: `Compare ${first.id}` }).check();
  await runsTable.getByRole('checkbox', { name: `Compare ${second.id}` }).check();
  await app.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = app.getByRole('table', { name: 'Compare runs' });
  await expect(compare).toBeVisible();
  // The run's whole id names it (beside its human name): at least 10 of its characters show.
  for (const id of [first.id, second.id]) expect(await visibleCharacters(compare.locator('code.run-id').filter({ hasText: id }))).toBeGreaterThanOrEqual(Math.min(10, id.length));
  await expect(app.getByRole('button', { name: /more columns? to the right/ })).toBeVisible();
  await expectStickyFirstColumn(compare);
  await app.screenshot({ path: `${screenshotsDir}layout-runs-compare-narrow.png` });

  // Pipelines: the step panel opens as a drawer over the graph, which keeps a readable width; Escape closes it.
  await openPage(app, 'Pipelines');
  await app.getByRole('textbox', { name: 'Workspace folder path' }).fill(folder);
  await app.getByRole('button', { name: 'Add folder', exact: true }).click();
  await app.getByRole('table', { name: 'Pipeline files' }).getByRole('button', { name: PIPELINE, exact: true }).click();
  const canvas = app.getByLabel('Pipeline graph');
  const yaml = app.getByRole('button', { name: 'YAML', exact: true });
  if ((await yaml.getAttribute('aria-pressed')) === 'true') await yaml.click();
  await app.getByTestId('step-node-train').click();
  const stepPanel = app.getByRole('complementary', { name: 'Step train' });
  await expect(stepPanel).toBeVisible();
  expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(600);
  await yaml.click();
  await expect(yaml).toHaveAttribute('aria-pressed', 'true');
  await expect(stepPanel).toBeVisible();
  expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(420);
  await app.screenshot({ path: `${screenshotsDir}layout-pipelines-step-drawer-narrow.png` });
  await app.keyboard.press('Escape');
  await expect(stepPanel).toBeHidden();

  // Experiments: the step's tracking runs, compared side by side.
  await openPage(app, 'Experiments');
  const tracking = app.getByRole('table', { name: 'Tracking runs' });
  await expect(tracking.getByRole('checkbox').first()).toBeVisible();
  const boxes = tracking.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await app.getByRole('button', { name: 'Compare', exact: true }).click();
  const compared = app.getByRole('table', { name: 'Compared runs' });
  await expect(compared).toBeVisible();
  expect(await visibleCharacters(compared.locator('tbody td').first())).toBeGreaterThanOrEqual(10);
  await app.screenshot({ path: `${screenshotsDir}layout-experiments-compare-narrow.png` });
});

test('every page at 1440×900 and 1024×700, light and dark', async ({ app }) => {
  test.setTimeout(240_000);
  runBusybox(containerName(`e2e-layout-${unique}-screenshot-subject`));
  const nav = app.getByRole('navigation', { name: 'Main' });
  const pages = (await nav.locator('button.nav-item').allTextContents()).map((text) => text.trim());
  expect(pages.length).toBeGreaterThan(10);
  for (const theme of ['Light', 'Dark'] as const) {
    await setTheme(app, theme);
    for (const [sizeName, size] of [['1440', LARGE], ['1024', SMALL]] as const) {
      await app.setViewportSize(size);
      for (const name of pages) {
        await nav.locator('button.nav-item').filter({ hasText: name }).first().click();
        await expect(nav.locator('button.nav-item[aria-current="page"]')).toContainText(name);
        await app.waitForTimeout(500);
        const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        await app.screenshot({ path: `${screenshotsDir}layout-${slug}-${sizeName}-${theme.toLowerCase()}.png` });
      }
    }
  }
  await setTheme(app, 'Light');
});
