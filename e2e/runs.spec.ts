import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { docker, expect, openPage, test } from './support/fixtures.ts';

// Runs, re-runs, the timeline, comparison, notifications and schedules through the web host on the
// real engine. The pipelines are written to a temp folder and started with "New run…" on the Runs page.
const suffix = Date.now().toString(36);
const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-runs-'));
const flakyImage = `benchtop-test/e2e-flaky-${suffix}`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const head = (name: string) => `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\n`;
const SELECT = `e2e-select-${suffix}`;
const selectFile = file(
  'select.yaml',
  `${head(SELECT)}params:
  rows: { type: int, default: 10, description: "How many rows to score." }
  model: { enum: [linear, forest], default: linear, description: "Which trainer." }
steps:
  prepare:
    image: benchtop-test/busybox
    command: [sh, -c]
    args: ['seq \${params.rows} > /data/rows.txt']
    outputs:
      artifacts: { rows: { path: /data } }
  train:
    image: benchtop-test/busybox
    depends: [prepare]
    command: [sh, -c]
    args: ['mkdir -p /out; n=$(wc -l < /in/rows.txt); if [ "\${params.model}" = forest ]; then echo "{\\"rows\\": $n, \\"depth\\": 3}"; else echo "{\\"rows\\": $n}"; fi > /out/m.json']
    inputs:
      artifacts: { rows: { from: steps.prepare.outputs.artifacts.rows, path: /in } }
    outputs:
      metrics: { path: /out/m.json }
`,
);
const SLEEPY = `e2e-sleepy-${suffix}`;
const sleepyFile = file('sleepy.yaml', `${head(SLEEPY)}steps:\n  nap:\n    image: benchtop-test/busybox\n    command: [sleep, '120']\n`);
const FLAKY = `e2e-flaky-${suffix}`;
const flakyFile = file(
  'flaky.yaml',
  `${head(FLAKY)}steps:
  prepare:
    image: benchtop-test/busybox
    command: [sh, -c]
    args: ['echo ready > /data/state']
    outputs:
      artifacts: { data: { path: /data } }
  train:
    image: ${flakyImage}
    depends: [prepare]
    command: [sh, -c]
    args: ['cat /in/state']
    inputs:
      artifacts: { data: { from: steps.prepare.outputs.artifacts.data, path: /in } }
`,
);
const NIGHTLY = `e2e-nightly-${suffix}`;
const nightlyFile = file('nightly.yaml', `${head(NIGHTLY)}schedule:\n  cron: ['0 3 * * *']\n  timezone: UTC\nsteps:\n  only:\n    image: benchtop-test/busybox\n    command: ['true']\n`);

test.afterAll(() => {
  try {
    docker('rmi', flakyImage);
  } catch {
    // Not tagged when the test stopped early.
  }
  rmSync(dir, { recursive: true, force: true });
});

async function startFromFile(app: Page, path: string): Promise<void> {
  await app.getByRole('button', { name: 'New run…', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'New run' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(path);
  await ask.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(app.getByRole('dialog', { name: 'Run pipeline' })).toBeVisible();
}

const runHeader = (app: Page) => app.locator('.run-detail-header');
const runIdShown = async (app: Page) => (await runHeader(app).locator('code.run-id').textContent()) ?? '';

test.describe.configure({ mode: 'serial' });

test('runs a pipeline twice with other params through the run dialog, notifies, shows the timeline, compares the metrics', async ({ app, shot }) => {
  test.setTimeout(240_000);
  await openPage(app, 'Runs');
  await startFromFile(app, selectFile);
  const dialog = app.getByRole('dialog', { name: 'Run pipeline' });
  await expect(dialog.getByRole('heading', { name: `Run ${SELECT}` })).toBeVisible();
  await expect(dialog.getByText('How many rows to score.')).toBeVisible();
  const rows = dialog.getByRole('textbox', { name: /^rows/ });
  await expect(rows).toHaveValue('10');
  await rows.fill('ten');
  await expect(dialog.getByRole('alert')).toContainText('Param "rows" is a int; "ten" is not.');
  await shot('runs-dialog-invalid');
  await rows.fill('10');
  await expect(dialog.getByRole('combobox', { name: /^model/ })).toHaveValue('linear');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(runHeader(app).getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  const first = await runIdShown(app);
  const toast = app.getByRole('status').filter({ hasText: `${SELECT} succeeded` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(first);
  await shot('runs-toast');
  await toast.getByRole('button', { name: 'Dismiss notification' }).click();

  await app.getByRole('button', { name: 'Run again…', exact: true }).click();
  const again = app.getByRole('dialog', { name: 'Run pipeline' });
  await expect(again.getByRole('textbox', { name: /^rows/ })).toHaveValue('10');
  await again.getByRole('textbox', { name: /^rows/ }).fill('25');
  await again.getByRole('combobox', { name: /^model/ }).selectOption('forest');
  await shot('runs-dialog');
  await again.getByRole('button', { name: 'Run', exact: true }).click();
  // The page moves to the new run once the start is answered; until then it still shows the first, succeeded one.
  await expect(runHeader(app).locator('code.run-id')).not.toHaveText(first);
  await expect(runHeader(app).getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  const second = await runIdShown(app);
  expect(second).not.toBe(first);
  await expect(runHeader(app).getByLabel('Params')).toContainText('rows=25');

  const timeline = app.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem', { name: 'prepare: succeeded' })).toBeVisible();
  await expect(timeline.getByRole('img', { name: /^train attempt 1: ran .*, succeeded$/ })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Steps' }).getByRole('row', { name: /train/ })).toContainText('rows=25');
  await shot('runs-detail-timeline');

  await app.getByRole('button', { name: '← All runs' }).click();
  await app.getByRole('searchbox', { name: 'Filter runs' }).fill(SELECT);
  const table = app.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await table.getByRole('checkbox', { name: `Compare ${first}` }).check();
  await table.getByRole('checkbox', { name: `Compare ${second}` }).check();
  await shot('runs-history');
  await app.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = app.getByRole('table', { name: 'Compare runs' });
  await expect(compare.getByRole('columnheader', { name: /param rows ≠/ })).toBeVisible();
  await compare.getByRole('button', { name: /metric train\.rows/ }).click();
  await compare.getByRole('button', { name: /metric train\.rows/ }).click();
  await expect(compare.getByRole('columnheader', { name: /metric train\.rows/ })).toHaveAttribute('aria-sort', 'descending');
  const bodyRows = compare.locator('tbody tr');
  await expect(bodyRows.nth(0)).toContainText(second);
  await expect(bodyRows.nth(0).locator('td.compare-number')).toHaveText(['3', '25']);
  await expect(bodyRows.nth(1).locator('td.compare-number')).toHaveText(['—', '10']);
  await expect(app.getByRole('img', { name: new RegExp(`^train\\.depth by run: .*${first} —`) })).toBeVisible();
  await shot('runs-compare');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('run,pipeline,state,created,param:model,param:rows,metric:train.depth,metric:train.rows');
  expect(csv[1]).toMatch(new RegExp(`^${second},${SELECT},succeeded,[^,]+,forest,25,3,25$`));
  expect(csv[2]).toMatch(new RegExp(`^${first},${SELECT},succeeded,[^,]+,linear,10,,10$`));
});

test('cancels a long run, re-runs only the failed steps once the missing image exists', async ({ app, shot }) => {
  test.setTimeout(240_000);
  await openPage(app, 'Runs');
  await startFromFile(app, sleepyFile);
  await app.getByRole('dialog', { name: 'Run pipeline' }).getByRole('button', { name: 'Run', exact: true }).click();
  const timeline = app.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('img', { name: /^nap attempt 1: ran .*\(still running\)$/ })).toBeVisible({ timeout: 60_000 });
  await shot('runs-running');
  await app.getByRole('button', { name: 'Cancel run', exact: true }).click();
  await expect(runHeader(app).getByText('cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByRole('status').filter({ hasText: `${SLEEPY} was cancelled` })).toBeVisible();

  await startFromFile(app, flakyFile);
  await app.getByRole('dialog', { name: 'Run pipeline' }).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runHeader(app).getByText('failed', { exact: true })).toBeVisible({ timeout: 60_000 });
  const failed = await runIdShown(app);
  const steps = app.getByRole('table', { name: 'Steps' });
  await expect(steps.getByRole('row', { name: /train/ })).toContainText(`Image ${flakyImage} is not on this machine`);
  await expect(app.getByRole('status').filter({ hasText: `${FLAKY} failed` })).toBeVisible();

  execFileSync('docker', ['tag', 'benchtop-test/busybox', flakyImage]);
  await app.getByRole('button', { name: 'Re-run failed', exact: true }).click();
  await expect(runHeader(app).getByText(`failed of ${failed}`)).toBeVisible();
  await expect(runHeader(app).getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(steps.getByRole('row', { name: /prepare/ })).toContainText(`reused from ${failed}`);
  await expect(steps.getByRole('row', { name: /train/ })).toContainText('this run');
  await expect(timeline.getByRole('img', { name: 'prepare: result reused, no container ran' })).toBeVisible();
  await shot('runs-rerun-failed');

  await app.getByRole('button', { name: 'Re-run from step…', exact: true }).click();
  const from = app.getByRole('dialog', { name: 'Re-run from step' });
  await from.getByRole('combobox', { name: 'Step' }).selectOption('train');
  await from.getByRole('button', { name: 'Re-run', exact: true }).click();
  await expect(runHeader(app).getByText(/^from:train of /)).toBeVisible();
  await expect(runHeader(app).getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(steps.getByRole('row', { name: /prepare/ })).toContainText('reused from');
});

test('schedules a pipeline file: next ticks, disable, backfill with a preview of its ticks', async ({ app, shot }) => {
  test.setTimeout(120_000);
  await openPage(app, 'Schedules');
  await app.getByRole('button', { name: 'Schedule a file…' }).click();
  const ask = app.getByRole('dialog', { name: 'Schedule a file' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(nightlyFile);
  await ask.getByRole('button', { name: 'Enable schedule' }).click();
  const card = app.getByRole('region', { name: `Schedule ${NIGHTLY}` });
  await expect(card.getByText('enabled', { exact: true })).toBeVisible();
  await expect(card.getByLabel(`Next ticks of ${NIGHTLY}`).getByRole('listitem')).toHaveCount(5);
  const firstTick = await card.getByLabel(`Next ticks of ${NIGHTLY}`).locator('time').first().getAttribute('datetime');
  expect(firstTick).toMatch(/T03:00:00\.000Z$/);
  await shot('schedules');

  await card.getByRole('button', { name: 'Backfill…' }).click();
  const backfill = app.getByRole('dialog', { name: 'Backfill' });
  await backfill.getByLabel('From').fill('2026-01-01T00:00');
  await backfill.getByLabel('To').fill('2026-01-03T12:00');
  const preview = backfill.getByLabel('Ticks to run');
  await expect(preview.getByRole('listitem')).toHaveCount(3);
  await shot('schedules-backfill');
  await backfill.getByRole('button', { name: 'Run 3 backfill runs' }).click();
  await expect(app.getByRole('status').filter({ hasText: `Backfill of ${NIGHTLY} started: 3 runs` })).toBeVisible();

  await card.getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(card.getByText('disabled', { exact: true })).toBeVisible();
  await expect(card.getByLabel(`Next ticks of ${NIGHTLY}`)).toContainText('None: the schedule is disabled or suspended.');

  await openPage(app, 'Runs');
  await app.getByRole('searchbox', { name: 'Filter runs' }).fill(NIGHTLY);
  await expect(app.getByRole('table', { name: 'Runs' }).getByRole('row')).toHaveCount(4, { timeout: 60_000 });
});

test('a run started from the CLI in a terminal shows up live in the list and notifies when it ends', async ({ app, shot }) => {
  test.setTimeout(120_000);
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  await openPage(app, 'Runs');
  const cli = new URL('../electron/cli/main.ts', import.meta.url).pathname;
  const output = execFileSync(process.execPath, [cli, 'run', selectFile, '--param', 'rows=3'], { env: { ...process.env, BENCHTOP_HOME: home }, encoding: 'utf8' });
  const runId = /run (\S+) succeeded/.exec(output)?.[1];
  expect(runId).toBeTruthy();
  await expect(app.getByRole('status').filter({ hasText: `${SELECT} succeeded` }).filter({ hasText: runId as string })).toBeVisible({ timeout: 20_000 });
  const row = app.getByRole('table', { name: 'Runs' }).getByRole('row', { name: new RegExp(runId as string) });
  await expect(row).toContainText('rows=3');
  await expect(row.getByText('succeeded', { exact: true })).toBeVisible();
  await expect(row.getByLabel('2 of 2 steps succeeded')).toBeVisible();
  await shot('runs-from-cli');
});
