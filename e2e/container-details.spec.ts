import type { Page } from '@playwright/test';
import { containerName, docker, expect, test } from './support/fixtures.ts';

const created: string[] = [];

/** The Containers page from the sidebar, as a person gets there. */
async function openContainers(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
}
test.afterEach(() => {
  for (const name of created.splice(0)) {
    try {
      docker('rm', '-f', name);
    } catch {
      // already gone
    }
  }
});

test('run a busybox container from the dialog, use its terminal, watch its stats, read its inspect JSON, remove it', async ({ app, shot }) => {
  await openContainers(app);
  const name = containerName('e2e-run');
  created.push(name);

  await app.getByRole('button', { name: 'Run a container', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Image', { exact: true }).fill('benchtop-test/busybox');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Command', { exact: true }).fill(`sh -c 'trap "exit 0" TERM; while true; do echo x >/dev/null; done'`);
  await dialog.getByRole('button', { name: 'Add variable', exact: true }).click();
  await dialog.getByLabel('Environment variable 1', { exact: true }).fill('EXPERIMENT=e2e');
  await dialog.getByLabel('Restart policy', { exact: true }).selectOption('unless-stopped');
  await shot('details-01-run-dialog');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });

  const row = app.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ hasText: name });
  await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 10_000 });
  // The row shows live CPU for a running container.
  await expect(row.getByRole('img', { name: `CPU of ${name}`, exact: true })).toBeVisible({ timeout: 10_000 });

  const details = app.getByRole('region', { name: `Details of ${name}`, exact: true });
  await expect(details).toBeVisible();
  const environment = details.getByRole('region', { name: /^Environment \(\d+\)$/ });
  await expect(environment.getByText('EXPERIMENT', { exact: true })).toBeVisible();
  await expect(environment.getByText('e2e', { exact: true })).toBeVisible();
  await expect(details.getByText('unless-stopped', { exact: true })).toBeVisible();
  await shot('details-02-summary');

  // Terminal: type a command, see its output.
  await app.getByRole('button', { name: `Terminal of ${name}`, exact: true }).click();
  await expect(details.getByRole('tab', { name: 'Terminal', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(details.getByRole('status', { name: 'Terminal status' })).toHaveText(/Connected: \/bin\/sh/, { timeout: 10_000 });
  const terminal = details.getByRole('group', { name: `Terminal of ${name}`, exact: true });
  await terminal.click();
  await app.keyboard.type('echo hel""lo');
  await app.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('hello', { timeout: 10_000 });
  await shot('details-03-terminal');

  // Stats: a value changes while the busy loop runs.
  await details.getByRole('tab', { name: 'Stats', exact: true }).click();
  const cpu = details.getByLabel('CPU value', { exact: true });
  await expect(cpu).toBeVisible({ timeout: 10_000 });
  const first = await cpu.textContent();
  await expect.poll(async () => cpu.textContent(), { timeout: 10_000 }).not.toBe(first);
  await expect(details.getByRole('img', { name: 'CPU history', exact: true })).toBeVisible();
  await shot('details-04-stats');

  // Inspect: the raw JSON.
  await details.getByRole('tab', { name: 'Inspect', exact: true }).click();
  const json = details.getByLabel('Inspect JSON', { exact: true });
  await expect(json).toContainText(`"Name": "/${name}"`);
  await expect(json).toContainText('"EXPERIMENT=e2e"');
  await shot('details-05-inspect');

  // Remove it from the UI.
  await app.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  const confirm = app.getByRole('dialog', { name: 'Remove containers' });
  await confirm.getByText('Force remove running containers').click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  // The panel of a removed container closes and says so in a toast.
  await expect(details).toBeHidden();
  await expect(app.getByRole('status').filter({ hasText: `Container ${name} was removed` })).toBeVisible();
  await shot('details-06-removed');
});

test('the Run dialog explains a name clash and a missing image, and creates nothing', async ({ app, shot }) => {
  const name = containerName('e2e-clash');
  created.push(name);
  docker('run', '-d', '--name', name, '--label', 'benchtop.test=1', 'benchtop-test/busybox', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
  await openContainers(app);

  await app.getByRole('button', { name: 'Run a container', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  await dialog.getByLabel('Image', { exact: true }).fill('benchtop-test/busybox');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`A container named ${name} already exists: choose another name or remove it.`);

  await dialog.getByLabel('Image', { exact: true }).fill('benchtop-test/not-here:1');
  await dialog.getByLabel('Name', { exact: true }).fill(`${name}-2`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not on this machine');
  await shot('details-07-run-errors');
  expect(docker('ps', '-aq', '--filter', `name=${name}-2`)).toBe('');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
});
