import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { containerName, docker, expect, openPage, test } from './support/fixtures.ts';

const created: string[] = [];
test.afterEach(() => {
  for (const name of created.splice(0)) {
    try {
      docker('rm', '-f', name);
    } catch {
      // already gone
    }
  }
});

/** A container that prints a known line, then ticks, and stops at once on SIGTERM. */
function runTicker(name: string): void {
  created.push(name);
  docker(
    'run', '-d', '--name', name, '--label', 'benchtop.test=1', 'benchtop-test/busybox',
    'sh', '-c', 'trap "exit 0" TERM; echo "model checkpoint saved: epoch=7"; printf "\\033[32mgreen ok\\033[0m\\n"; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1 & wait $!; done',
  );
}

test('a container started from a terminal appears live; its logs can be searched; Stop works from the UI', async ({ app, shot }) => {
  expect(app.url()).not.toContain('token=');
  await openPage(app, 'Containers');
  await shot('01-containers');

  const name = containerName('e2e-ticker');
  runTicker(name);
  const table = app.getByRole('table', { name: 'Containers' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 5_000 });
  await expect(row.getByText('running', { exact: true })).toBeVisible();
  await shot('02-row-appeared');

  await app.getByRole('button', { name: `Logs of ${name}`, exact: true }).click();
  const logs = app.getByRole('region', { name: `Logs of ${name}` });
  await expect(logs).toBeVisible();
  await expect(logs.getByText('tick 1', { exact: true })).toBeVisible({ timeout: 10_000 });
  await logs.getByLabel('Search logs').fill('checkpoint saved');
  await expect(logs.getByRole('status').filter({ hasText: /^1 of 1 match$/ })).toBeVisible();
  await expect(logs.locator('mark')).toContainText('checkpoint saved');
  await shot('03-logs-search');

  await app.getByRole('button', { name: `Stop ${name}`, exact: true }).click();
  await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 15_000 });
  await shot('04-stopped');
});

test("Download log saves a finished container's whole log, line for line what docker logs prints", async ({ app, shot }) => {
  const name = containerName('e2e-history');
  created.push(name);
  docker('run', '--name', name, '--label', 'benchtop.test=1', 'benchtop-test/busybox', 'sh', '-c', 'for i in $(seq 1 20000); do echo "row $i of the history"; done; echo "to stderr" >&2; printf "\\033[33mlast\\033[0m\\n"');
  await openPage(app, 'Containers');
  const row = app.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ hasText: name });
  await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 10_000 });
  await app.getByRole('button', { name: `Logs of ${name}`, exact: true }).click();
  const logs = app.getByRole('region', { name: `Logs of ${name}` });
  await expect(logs.getByText('last', { exact: true })).toBeVisible({ timeout: 10_000 });
  // The log of an exited container is over: nothing left to follow.
  await expect(logs.getByText('Log ended')).toBeVisible();
  await expect(logs.getByRole('button', { name: /following/ })).toHaveCount(0);
  await shot('history-logs');
  const [download] = await Promise.all([app.waitForEvent('download'), logs.getByRole('button', { name: 'Download log' }).click()]);
  expect(download.suggestedFilename()).toBe(`${name}.log`);
  const saved = readFileSync(await download.path(), 'utf8').split('\n');
  // Both streams into one pipe keep the engine's record order; the saved file drops colour escapes.
  const printed = execFileSync('sh', ['-c', `docker logs ${name} 2>&1`], { encoding: 'utf8' }).replaceAll('\x1b[33m', '').replaceAll('\x1b[0m', '');
  expect(saved).toHaveLength(20_003);
  expect(saved).toEqual(printed.split('\n'));
  // The engine copies stdout and stderr separately, so the stderr line and the stdout line after it are recorded in
  // either order (seen in CI, with docker logs printing the same order): the order is checked against docker logs above.
  expect(saved.filter((line) => !line.startsWith('row ')).sort()).toEqual(['', 'last', 'to stderr']);
});

test('a container removed from a terminal disappears without a reload, and the filter narrows the list', async ({ app, shot }) => {
  const keep = containerName('e2e-keep');
  const gone = containerName('e2e-gone');
  runTicker(keep);
  runTicker(gone);
  await openPage(app, 'Containers');
  const table = app.getByRole('table', { name: 'Containers' });
  await expect(table.getByRole('row').filter({ hasText: gone })).toBeVisible();

  await app.getByLabel('Filter containers').fill('e2e-keep');
  await expect(table.getByRole('row').filter({ hasText: gone })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: keep })).toBeVisible();
  await app.getByLabel('Filter containers').fill('');
  // The cleared filter has taken effect (the list filters a deferred value), so the removal below is seen live.
  await expect(table.getByRole('row').filter({ hasText: gone })).toBeVisible();

  docker('rm', '-f', gone);
  await expect(table.getByRole('row').filter({ hasText: gone })).toHaveCount(0, { timeout: 5_000 });
  await expect(table.getByRole('row').filter({ hasText: keep })).toBeVisible();
  await shot('05-removed-live');
});

test('bulk stop and remove with confirmation', async ({ app, shot }) => {
  const names = [containerName('e2e-bulk-a'), containerName('e2e-bulk-b')];
  names.forEach(runTicker);
  await openPage(app, 'Containers');
  const table = app.getByRole('table', { name: 'Containers' });
  for (const name of names) {
    await expect(table.getByRole('row').filter({ hasText: name })).toBeVisible();
    await app.getByRole('checkbox', { name: `Select ${name}` }).check();
  }
  await app.getByRole('button', { name: 'Stop selected' }).click();
  for (const name of names) await expect(table.getByRole('row').filter({ hasText: name }).getByText('exited', { exact: true })).toBeVisible({ timeout: 15_000 });

  await app.getByRole('button', { name: 'Remove selected' }).click();
  const dialog = app.getByRole('dialog', { name: 'Remove containers' });
  await expect(dialog).toBeVisible();
  for (const name of names) await expect(dialog).toContainText(name);
  await shot('06-confirm-remove');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  for (const name of names) await expect(table.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  for (const name of names) expect(() => docker('inspect', name)).toThrow();
});
