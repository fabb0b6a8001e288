import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, openPage, test } from './support/fixtures.ts';
import { startWebHostIn, type RunningWebHost } from './support/web-host.ts';

// A full disk as a person sees it: the runs folder of a `benchtop web` home is a 20 MiB tmpfs (ours,
// mounted for the test; needs root), a pipeline's step writes 40 MiB of artifacts. The Runs page
// names the folder that is full, in the run's header and in the step's row.
const home = mkdtempSync(join(tmpdir(), 'benchtop-e2e-diskfull-'));
const runs = join(home, 'runs');
const name = `e2e-diskfull-${Date.now().toString(36)}`;
let mounted = false;
let host: RunningWebHost | null = null;

if (process.getuid?.() === 0) {
  mkdirSync(runs, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'benchtop-e2e-tmpfs', runs], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
}

test.afterAll(async () => {
  await host?.stop();
  if (mounted) execFileSync('umount', [runs]);
  rmSync(home, { recursive: true, force: true });
});

test('a step that fills the disk: the Runs page says which folder is full', async ({ openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'starts its own web host and opens it in Chromium (the web project)');
  test.skip(!mounted, 'needs root to mount a small tmpfs on the runs folder');
  test.setTimeout(120_000);
  const file = join(home, 'pipeline.yaml');
  writeFileSync(
    file,
    `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: ${name}, labels: { benchtop.test: '1' } }
steps:
  fill:
    image: benchtop-test/busybox
    command: [sh, -c, 'dd if=/dev/zero of=/out/data bs=1M count=40']
    outputs: { artifacts: { out: { path: /out } } }
`,
  );
  host = await startWebHostIn(home);
  const app = await openInBrowser(host.url);
  await openPage(app, 'Runs');
  // Started from a terminal on the same home, as a person would; it fails (exit 1).
  const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [cli, 'run', file], { env: { ...process.env, BENCHTOP_HOME: home }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const runId = new RegExp(`run (\\S+) failed`).exec(output)?.[1] ?? '';
  expect(runId, output).not.toBe('');
  const row = app.getByRole('table', { name: 'Runs' }).getByRole('row', { name: new RegExp(runId) });
  await expect(row.getByText('failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await row.getByRole('button', { name: new RegExp(`^Open run ${runId}`) }).click();
  const header = app.locator('.run-detail-header');
  await expect(header).toContainText(`disk full: ${runs}/${runId}/fill/attempt-1 has no space left`, { timeout: 10_000 });
  await expect(app.getByRole('table', { name: 'Steps' }).getByRole('row', { name: /fill/ })).toContainText(`disk full: ${runs}/`);
  await app.screenshot({ path: fileURLToPath(new URL('./screenshots/web-disk-full-run.png', import.meta.url)) });
});
