import { containerName, docker, expect, test } from './support/fixtures.ts';

const cleanup: string[][] = [];
test.afterEach(() => {
  for (const args of cleanup.splice(0).reverse()) {
    try {
      docker(...args);
    } catch {
      // already gone
    }
  }
});

function runContainer(name: string, ...options: string[]): void {
  cleanup.push(['rm', '-f', name]);
  docker('run', '-d', '--name', name, '--label', 'benchtop.test=1', ...options, 'benchtop-test/busybox', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done');
}

test('Home first; volumes and networks: create, see users live, refused removal, prune preview', async ({ app, shot }) => {
  await expect(app.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Engine' })).toContainText('Connected');
  await expect(app.getByRole('region', { name: 'Disk usage' })).toContainText(/\d/);
  await shot('resources-01-home');

  const nav = app.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Volumes', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Volumes', exact: true })).toBeVisible();

  const volume = containerName('e2e-vol');
  cleanup.push(['volume', 'rm', '-f', volume]);
  await app.getByRole('button', { name: 'Create volume', exact: true }).click();
  const create = app.getByRole('dialog', { name: 'Create volume' });
  await create.getByLabel('Volume name', { exact: true }).fill(volume);
  await create.getByLabel('Labels', { exact: true }).fill('benchtop.test=1\nproject=e2e');
  await shot('resources-02-create-volume');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(create).toBeHidden();
  const table = app.getByRole('table', { name: 'Volumes' });
  const row = table.getByRole('row').filter({ hasText: volume });
  await expect(row).toBeVisible();
  await expect(row).toContainText('unused');

  // A container started from a terminal shows up as the volume's user, live.
  const user = containerName('e2e-vol-user');
  runContainer(user, '-v', `${volume}:/data`);
  await expect(row).toContainText(user, { timeout: 5_000 });
  await row.getByRole('button', { name: `Measure ${volume}`, exact: true }).click();
  await expect(row).toContainText(/\d+ B/);

  await app.getByRole('button', { name: `Remove volume ${volume}`, exact: true }).click();
  const remove = app.getByRole('dialog', { name: 'Remove volume' });
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(remove.getByRole('alert')).toContainText(`is in use by container ${user}`);
  await shot('resources-03-remove-in-use');
  await remove.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(row).toBeVisible();

  // An unused volume of ours appears in the prune preview; the one in use does not. Nothing is pruned.
  const spare = containerName('e2e-spare');
  cleanup.push(['volume', 'rm', '-f', spare]);
  docker('volume', 'create', '--label', 'benchtop.test=1', spare);
  await expect(table.getByRole('row').filter({ hasText: spare })).toBeVisible();
  await app.getByRole('button', { name: 'Prune volumes', exact: true }).click();
  const prune = app.getByRole('dialog', { name: 'Prune' });
  const list = prune.getByRole('list', { name: 'Will be removed' });
  await expect(list).toContainText(spare);
  await expect(list).not.toContainText(volume);
  await expect(prune.getByRole('status')).toContainText(/will be removed, freeing/);
  await shot('resources-04-prune-preview');
  await prune.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(prune).toBeHidden();

  await nav.getByRole('button', { name: 'Networks', exact: true }).click();
  const network = containerName('e2e-net');
  cleanup.push(['network', 'rm', network]);
  await app.getByRole('button', { name: 'Create network', exact: true }).click();
  const createNet = app.getByRole('dialog', { name: 'Create network' });
  await createNet.getByLabel('Network name', { exact: true }).fill(network);
  await createNet.getByRole('checkbox', { name: /Internal/ }).check();
  await createNet.getByRole('button', { name: 'Create', exact: true }).click();
  const netRow = app.getByRole('table', { name: 'Networks' }).getByRole('row').filter({ hasText: network });
  await expect(netRow).toBeVisible();
  await expect(netRow).toContainText('yes');
  const member = containerName('e2e-net-user');
  runContainer(member, '--network', network);
  await expect(netRow).toContainText(member, { timeout: 5_000 });
  await app.getByRole('button', { name: `Remove network ${network}`, exact: true }).click();
  await expect(app.getByRole('alert')).toContainText(`has containers: ${member}`);
  await shot('resources-05-networks');
});

test('the command palette: Control+K, go to a container by name, run an action, Escape closes', async ({ app, shot }) => {
  const name = containerName('e2e-palette');
  runContainer(name);
  await expect(app.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();

  await app.keyboard.press('Control+K');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const search = palette.getByRole('combobox', { name: 'Search commands' });
  await expect(search).toBeFocused();
  await search.fill(name);
  await expect(palette.getByRole('option', { name: new RegExp(`Go to container ${name}`) })).toHaveAttribute('aria-selected', 'true');
  await shot('resources-06-palette');
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(app.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
  const row = app.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByText('running', { exact: true })).toBeVisible();

  await app.keyboard.press('Control+K');
  await search.fill(`stop ${name}`);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowUp');
  await expect(palette.getByRole('option', { name: new RegExp(`^Stop ${name}`) })).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 15_000 });
  await shot('resources-07-stopped-from-palette');

  await app.keyboard.press('Control+K');
  await search.fill('inspect image benchtop-test/busybox');
  await expect(palette.getByRole('option', { name: /^Inspect image benchtop-test\/busybox:latest/ })).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Images', exact: true, level: 1 })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Images' }).getByRole('row').filter({ hasText: 'benchtop-test/busybox' }).first()).toBeVisible();

  await app.keyboard.press('Control+K');
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('contentinfo', { name: 'Keyboard shortcuts' }).or(palette.getByLabel('Keyboard shortcuts'))).toContainText('Alt+1');
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await app.keyboard.press('Alt+1');
  await expect(app.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
});

test('disk usage shows numbers; the theme can be forced dark and back to the system', async ({ app, shot }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Disk usage', exact: true }).click();
  const images = app.getByRole('region', { name: 'Images' });
  await expect(images).toContainText(/Size\s*\d+(\.\d)? (B|kB|MB|GB)/);
  await expect(app.getByRole('region', { name: 'Volumes' })).toContainText('Reclaimable');
  await app.getByRole('button', { name: 'Prune dangling images', exact: true }).click();
  await expect(app.getByRole('dialog', { name: 'Prune' }).getByRole('status')).toBeVisible();
  await app.getByRole('dialog', { name: 'Prune' }).getByRole('button', { name: 'Cancel', exact: true }).click();
  await shot('resources-08-disk-usage');

  await app.getByRole('combobox', { name: 'Theme', exact: true }).selectOption('dark');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('resources-09-dark');
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.getByRole('combobox', { name: 'Theme', exact: true }).selectOption('system');
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', /./);
});
