import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openPage, test } from './support/fixtures.ts';

// The monitoring loop through the web host on the real engine: a monitor made in the UI over a
// reference file and shifted current data (a file: serving's endpoint capture is wired at merge)
// runs on its cron schedule, raises an alert (toast), shows why per column, exports its report,
// and a retraining pipeline gated with `when: monitors.NAME.drift_share > 0.3` runs its step.
const suffix = Date.now().toString(36);
const MONITOR = `credit-${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-monitoring-'));

/** A seeded credit-like table; `shift` moves income and age and tilts plan. */
function writeCredit(path: string, rows: number, seed: number, shift: number): void {
  let state = seed;
  const uniform = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const lines = ['income,age,plan,region'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${(50 + 15 * shift + 10 * normal()).toFixed(2)},${Math.round(40 + 8 * shift + 9 * normal())},${uniform() < 0.3 + 0.4 * shift ? 'pro' : 'basic'},${['north', 'south', 'east', 'west'][Math.floor(uniform() * 4)]}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const reference = join(dir, 'reference.csv');
const shifted = join(dir, 'current.csv');
writeCredit(reference, 800, 11, 0);
writeCredit(shifted, 600, 29, 0.6);
const PIPELINE = `retrain-${suffix}`;
const pipelineFile = join(dir, 'retrain.yaml');
writeFileSync(
  pipelineFile,
  `apiVersion: benchtop/v1
kind: Pipeline
metadata:
  name: ${PIPELINE}
steps:
  retrain:
    image: benchtop-test/busybox
    command: [sh, -c, "echo retraining on drift"]
    when: "monitors.${MONITOR}.drift_share > 0.3"
  keep-model:
    image: benchtop-test/busybox
    command: [sh, -c, "echo nothing to do"]
    when: "monitors.${MONITOR}.drift_share <= 0.3"
`,
);

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.describe.configure({ mode: 'serial' });

test('a scheduled monitor raises an alert, shows why per column, exports, and gates a retraining run', async ({ app, shot }) => {
  test.setTimeout(180_000);
  await openPage(app, 'Monitoring');
  await shot('monitoring-empty');

  await app.getByRole('button', { name: 'New monitor…', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'New monitor' });
  await dialog.getByRole('textbox', { name: 'Monitor name' }).fill('Bad Name');
  await dialog.getByRole('textbox', { name: 'Reference file' }).fill(reference);
  await dialog.getByRole('textbox', { name: 'Current file' }).fill(shifted);
  await dialog.getByRole('button', { name: 'Save monitor' }).click();
  await expect(dialog.getByRole('alert')).toContainText('name');
  await dialog.getByRole('textbox', { name: 'Monitor name' }).fill(MONITOR);
  // Every 5 seconds (croner's seconds field): the scheduler, not a click, runs it.
  await dialog.getByRole('textbox', { name: 'Schedule' }).fill('*/5 * * * * *');
  await shot('monitoring-new');
  await dialog.getByRole('button', { name: 'Save monitor' }).click();
  await expect(dialog).toBeHidden();

  const toast = app.getByRole('status').filter({ hasText: `Monitor ${MONITOR}: alert` });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText('drift in 3 of 4 columns');
  await shot('monitoring-alert-toast');
  await toast.getByRole('button', { name: 'Open monitor' }).click();

  const detail = app.getByRole('region', { name: `Monitor ${MONITOR}` });
  await expect(detail.getByRole('alert')).toContainText('drift in 3 of 4 columns (share 0.750 ≥ 0.5): income, age, plan');
  const columns = detail.getByRole('table', { name: 'Columns' });
  await expect(columns.getByRole('row', { name: /income/ })).toContainText('Kolmogorov–Smirnov');
  await expect(columns.getByRole('row', { name: /income/ })).toContainText('drift');
  await expect(columns.getByRole('row', { name: /region/ })).toContainText('chi-squared');
  await expect(columns.getByRole('row', { name: /region/ })).toContainText('ok');
  await expect(columns.getByRole('row', { name: /plan/ })).toContainText('proportion z-test');
  await expect(detail.getByRole('img', { name: 'Drift share over time' })).toBeVisible();
  await columns.getByRole('button', { name: 'income' }).click();
  const income = detail.getByRole('region', { name: 'Column income' });
  await expect(income).toContainText(/Kolmogorov–Smirnov: statistic 0\.\d+, p-value .* \(drift below 0\.05\); effect size/);
  await expect(income.getByRole('img', { name: 'Distribution of income: reference and current' })).toBeVisible();
  await shot('monitoring-detail');
  await columns.getByRole('button', { name: 'plan' }).click();
  await expect(detail.getByRole('img', { name: 'Distribution of plan: reference and current' })).toBeVisible();
  await detail.getByRole('region', { name: 'Column plan' }).scrollIntoViewIfNeeded();
  await shot('monitoring-column-bars');

  const [json] = await Promise.all([app.waitForEvent('download'), detail.getByRole('button', { name: 'Export JSON' }).click()]);
  const report = JSON.parse(readFileSync((await json.path()) as string, 'utf8'));
  expect(report).toMatchObject({ datasetDrifted: true, driftShare: 0.75, reference: { rows: 800 }, current: { rows: 600 } });
  const [html] = await Promise.all([app.waitForEvent('download'), detail.getByRole('button', { name: 'Export HTML' }).click()]);
  const page = readFileSync((await html.path()) as string, 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  expect(page).toContain('<svg');
  expect(page).not.toMatch(/<script|src=/);

  // The retraining pipeline, gated on the monitor's latest result.
  await openPage(app, 'Runs');
  await app.getByRole('button', { name: 'New run…', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'New run' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(pipelineFile);
  await ask.getByRole('button', { name: 'Next', exact: true }).click();
  await app.getByRole('dialog', { name: 'Run pipeline' }).getByRole('button', { name: 'Run', exact: true }).click();
  const header = app.locator('.run-detail-header');
  await expect(header.getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
  const steps = app.getByRole('table', { name: 'Steps' });
  await expect(steps.getByRole('row', { name: /^Open step retrain/ })).toContainText('succeeded');
  await expect(steps.getByRole('row', { name: /^Open step keep-model/ })).toContainText('skipped');
  await shot('monitoring-gated-run');

  // Remove the monitor so its 5-second schedule stops.
  await openPage(app, 'Monitoring');
  await app.getByRole('button', { name: new RegExp(`^${MONITOR}`) }).click();
  await app.getByRole('region', { name: `Monitor ${MONITOR}` }).getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByRole('button', { name: new RegExp(`^${MONITOR}`) })).toHaveCount(0);
});
