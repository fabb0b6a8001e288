import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerName, docker, expect, test } from './support/fixtures.ts';

// Builds run on a shared, busy engine: give each test room.
test.describe.configure({ timeout: 150_000 });

const folders: string[] = [];
const images: string[] = [];
const containers: string[] = [];
/** Untagged step images a failed classic build leaves behind (its last good step). */
const leftovers: string[] = [];

test.afterEach(() => {
  for (const name of containers.splice(0)) {
    try {
      docker('rm', '-f', name);
    } catch {
      // already gone
    }
  }
  for (const image of images.splice(0)) {
    try {
      docker('rmi', '-f', image);
    } catch {
      // already gone
    }
  }
  for (const id of leftovers.splice(0)) {
    try {
      if (docker('image', 'inspect', '--format', '{{len .RepoTags}}', id) === '0') docker('rmi', id);
    } catch {
      // already gone, or a parent of something else
    }
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A build context folder on the machine that runs the web host, as a user would have one. */
function contextFolder(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-build-'));
  folders.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  writeFileSync(join(dir, 'train.py'), 'print("training")\n');
  return dir;
}

test('build an image from a folder, watch its log, find it in the list, inspect it and remove it', async ({ app, shot }) => {
  const tag = `${containerName('benchtop-e2e/model')}:v1`;
  images.push(tag);
  const folder = contextFolder('FROM benchtop-test/busybox\nCOPY train.py /app/train.py\nRUN echo "preparing model weights" && mkdir -p /app/out\nENV EPOCHS=3\nCMD ["echo", "hello from the model"]\n');

  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Images', exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Build an image' });
  await expect(dialog.getByText(/Builds with (BuildKit \(docker buildx\)|the classic builder \(Engine API\))\./)).toBeVisible();
  await dialog.getByLabel('Build context folder', { exact: true }).fill(folder);
  await dialog.getByLabel('Tag', { exact: true }).fill(tag);
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();

  const log = dialog.getByRole('region', { name: 'Build log' });
  await expect(log.getByText('preparing model weights', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(log.getByRole('status')).toContainText(`as ${tag} with`, { timeout: 60_000 });
  await shot('images-01-build-log');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  const table = app.getByRole('table', { name: 'Images' });
  const row = table.getByRole('row').filter({ hasText: tag });
  await expect(row).toBeVisible();
  await expect(row).toContainText('unused');
  await app.getByRole('status').filter({ hasText: `Build ${tag}: done` }).first().waitFor();
  await shot('images-02-in-list');

  await app.getByRole('button', { name: `Inspect ${tag}`, exact: true }).click();
  const details = app.getByRole('region', { name: `Details of ${tag}` });
  await expect(details.getByText('["echo","hello from the model"]', { exact: true })).toBeVisible();
  await expect(details.getByRole('list', { name: 'Environment' })).toContainText('EPOCHS=3');
  await expect(details.getByRole('table', { name: 'History' })).toContainText('preparing model weights');
  await shot('images-03-inspect');

  // In use: the engine refuses, the dialog names the container and offers force.
  const user = containerName('e2e-image-user');
  containers.push(user);
  docker('create', '--name', user, '--label', 'benchtop.test=1', tag);
  await expect(row).toContainText('1 container');
  await app.getByRole('button', { name: `Remove ${tag}`, exact: true }).click();
  const remove = app.getByRole('dialog', { name: 'Remove image' });
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(remove.getByRole('alert')).toContainText(`used by container ${user}`);
  await expect(remove.getByRole('list', { name: 'Containers using the image' })).toContainText(user);
  await shot('images-04-remove-in-use');
  docker('rm', '-f', user);
  await remove.getByRole('button', { name: 'Force remove', exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: tag })).toHaveCount(0);
  expect(() => docker('image', 'inspect', tag)).toThrow();
});

test('a broken Dockerfile shows the failing step and its output', async ({ app, shot }) => {
  const tag = `${containerName('benchtop-e2e/broken')}:v1`;
  images.push(tag);
  const folder = contextFolder('FROM benchtop-test/busybox\nRUN echo "loading dataset"\nRUN echo "loss is NaN" && exit 3\nRUN echo unreachable\n');
  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Build an image' });
  await dialog.getByLabel('Build context folder', { exact: true }).fill(folder);
  await dialog.getByLabel('Tag', { exact: true }).fill(tag);
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const failure = dialog.getByRole('alert').filter({ hasText: 'failed:' });
  await expect(failure).toContainText(/RUN echo "loss is NaN" && exit 3 failed:/, { timeout: 60_000 });
  await expect(failure).toContainText('returned a non-zero code: 3');
  await expect(failure.locator('pre')).toHaveText('loss is NaN');
  await expect(dialog.locator('.build-line-failed-step').first()).toBeVisible();
  await shot('images-05-build-failed');
  const log = await dialog.getByLabel('Build log lines', { exact: true }).innerText();
  for (const match of log.matchAll(/^ ---> ([0-9a-f]{12})$/gm)) leftovers.push(match[1]);
  leftovers.reverse();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The failed build left its last good step behind, untagged: the prune preview counts it.
  await app.getByRole('button', { name: 'Prune', exact: true }).click();
  const prune = app.getByRole('dialog', { name: 'Prune images' });
  await expect(prune.getByRole('status')).toContainText(/\d+ images? would be removed, freeing [\d.]+ (B|kB|MB|GB)\./);
  await prune.getByRole('radio', { name: /Every image no container uses/ }).check();
  await expect(prune.getByRole('list', { name: 'Images to remove' })).toBeVisible();
  await shot('images-06-prune-preview');
  await prune.getByRole('button', { name: 'Cancel', exact: true }).click();
});

test('pulling an image that cannot be fetched explains why; a long build is cancelled from the task tray', async ({ app, shot }) => {
  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await app.getByRole('button', { name: 'Pull', exact: true }).click();
  const pull = app.getByRole('dialog', { name: 'Pull an image' });
  await pull.getByLabel('Image to pull', { exact: true }).fill('Bad Name');
  await expect(pull.getByText(/must be lowercase/)).toBeVisible();
  await pull.getByLabel('Image to pull', { exact: true }).fill('benchtop-nonexistent/no-such-model:1.0');
  await pull.getByRole('button', { name: 'Pull', exact: true }).click();
  const error = pull.getByRole('alert');
  await expect(error).toContainText('Could not pull benchtop-nonexistent/no-such-model:1.0: the registry docker.io', { timeout: 60_000 });
  await expect(error).toContainText(/could not be found by name \(DNS\)|is unreachable|no such image|refused access/);
  await shot('images-07-pull-error');
  await pull.getByRole('button', { name: 'Close', exact: true }).click();

  const tag = `${containerName('benchtop-e2e/slow')}:v1`;
  images.push(tag);
  const folder = contextFolder('FROM benchtop-test/busybox\nRUN echo "long preprocessing" && sleep 60\n');
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  const build = app.getByRole('dialog', { name: 'Build an image' });
  await build.getByLabel('Build context folder', { exact: true }).fill(folder);
  await build.getByLabel('Tag', { exact: true }).fill(tag);
  await build.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(build.getByText('long preprocessing', { exact: true })).toBeVisible({ timeout: 60_000 });
  await build.getByRole('button', { name: 'Hide (keeps building)', exact: true }).click();

  const tasks = app.getByRole('button', { name: 'Tasks', exact: true });
  await expect(tasks).toContainText('1 running');
  await tasks.click();
  const panel = app.getByRole('region', { name: 'Tasks panel' });
  await expect(panel.getByRole('listitem', { name: `Build ${tag}` })).toContainText('Running');
  await shot('images-08-task-tray');
  await panel.getByRole('button', { name: `Cancel Build ${tag}`, exact: true }).click();
  await expect(app.getByRole('status').filter({ hasText: `Build ${tag}: cancelled` })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByRole('listitem', { name: `Build ${tag}` })).toContainText('Cancelled');
  await expect(tasks).not.toContainText('1 running');
  await shot('images-09-cancelled');
  expect(() => docker('image', 'inspect', tag)).toThrow();
});
