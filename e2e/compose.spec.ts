import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, expect, test } from './support/fixtures.ts';

const PROJECT_LABEL = 'com.docker.compose.project';
let folder: string | null = null;
let project = '';

/** A temp folder whose compose.yaml has two busybox services: db with a healthcheck, web waiting for it to be healthy. */
function writeStack(): string {
  project = `e2e-stack-${Date.now().toString(36)}`;
  folder = join(tmpdir(), project);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'compose.yaml');
  writeFileSync(
    file,
    `services:
  db:
    image: benchtop-test/busybox
    command: ["sh", "-c", "trap 'exit 0' TERM; echo db starting; sleep 2; touch /ready; echo db ready; while true; do sleep 1 & wait $$!; done"]
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 500ms
      retries: 30
    labels: { benchtop.test: "1" }
  web:
    image: benchtop-test/busybox
    command: ["sh", "-c", "trap 'exit 0' TERM; echo web serving on 8080; i=0; while true; do echo request $$i; i=$$((i+1)); sleep 1 & wait $$!; done"]
    depends_on:
      db:
        condition: service_healthy
    labels: { benchtop.test: "1" }
networks:
  default:
    labels: { benchtop.test: "1" }
`,
  );
  return file;
}

test.afterEach(() => {
  if (!project) return;
  const ids = docker('ps', '-aq', '--filter', `label=${PROJECT_LABEL}=${project}`).split('\n').filter(Boolean);
  if (ids.length > 0) docker('rm', '-f', ...ids);
  execFileSync('sh', ['-c', `docker network ls -q --filter label=${PROJECT_LABEL}=${project} | xargs -r docker network rm`], { stdio: 'ignore' });
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('open a compose file, preview, up, watch db turn healthy, read web logs, down', async ({ app, shot }) => {
  test.setTimeout(120_000);
  const file = writeStack();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Stacks', exact: true })).toBeVisible();

  await app.getByLabel('Compose file path', { exact: true }).fill(file);
  await app.getByRole('button', { name: 'Preview changes', exact: true }).click();
  const preview = app.getByRole('table', { name: 'What will change', exact: true });
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: `${project}-db-1` })).toContainText('create');
  await expect(preview.getByRole('row').filter({ hasText: `${project}-web-1` })).toContainText('create');
  await expect(preview.getByRole('row').filter({ hasText: `${project}_default` })).toContainText('network');
  await shot('compose-01-preview');

  await app.getByRole('button', { name: 'Up', exact: true }).click();
  const progress = app.getByRole('region', { name: 'Compose progress', exact: true });
  await expect(progress.getByRole('log')).toContainText(`${project}-db-1`);
  await expect(progress.getByRole('log')).toContainText('waiting');
  const stack = app.getByRole('region', { name: `Stack ${project}`, exact: true });
  await expect(stack).toBeVisible({ timeout: 30_000 });
  await shot('compose-02-waiting');
  await expect(progress.getByRole('status')).toHaveText(/^Done/, { timeout: 60_000 });
  const services = stack.getByRole('table', { name: `Services of ${project}`, exact: true });
  const dbRow = services.getByRole('row').filter({ hasText: `${project}-db-1` });
  const webRow = services.getByRole('row').filter({ hasText: `${project}-web-1` });
  await expect(dbRow.getByText('healthy', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(webRow.getByText('running', { exact: true })).toBeVisible();
  // The healthy db came before web was created.
  const lines = await progress.getByRole('log').locator('li').allInnerTexts();
  const healthyAt = lines.findIndex((l) => l.includes(`${project}-db-1`) && l.includes('healthy'));
  const webCreatedAt = lines.findIndex((l) => l.includes(`${project}-web-1`) && l.includes('creating'));
  expect(healthyAt).toBeGreaterThan(-1);
  expect(webCreatedAt).toBeGreaterThan(healthyAt);
  await shot('compose-03-healthy');

  await app.getByRole('button', { name: `Logs of ${project}-web-1`, exact: true }).click();
  const logs = app.getByRole('region', { name: `Logs of ${project}-web-1`, exact: true });
  await expect(logs.getByText('web serving on 8080', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(logs.getByText('request 1', { exact: true })).toBeVisible({ timeout: 10_000 });
  await shot('compose-04-logs');

  await app.getByRole('button', { name: `Down ${project}`, exact: true }).click();
  const dialog = app.getByRole('dialog', { name: `Down ${project}`, exact: true });
  await expect(dialog).toBeVisible();
  await shot('compose-05-confirm-down');
  await dialog.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(stack).toHaveCount(0, { timeout: 30_000 });
  await expect(progress.getByRole('status')).toHaveText(/^Done/, { timeout: 30_000 });
  expect(docker('ps', '-aq', '--filter', `label=${PROJECT_LABEL}=${project}`)).toBe('');
  expect(docker('network', 'ls', '-q', '--filter', `label=${PROJECT_LABEL}=${project}`)).toBe('');
  await shot('compose-06-down');
});

test('a broken compose file shows where and what to change, and nothing starts', async ({ app, shot }) => {
  project = `e2e-broken-${Date.now().toString(36)}`;
  folder = join(tmpdir(), project);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'compose.yaml');
  writeFileSync(file, 'services:\n  web:\n    image: benchtop-test/busybox\n    depends_on: [database]\n');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
  await app.getByLabel('Compose file path', { exact: true }).fill(file);
  await app.getByRole('button', { name: 'Preview changes', exact: true }).click();
  await expect(app.getByRole('alert')).toContainText(`${file}:4:5: service "web" depends on "database", which is not a service in this project`);
  await expect(app.getByRole('button', { name: 'Up', exact: true })).toBeDisabled();
  await shot('compose-07-broken');
  expect(docker('ps', '-aq', '--filter', `label=${PROJECT_LABEL}=${project}`)).toBe('');
});

test("a stack Debian's docker-compose started shows live; Stop and Down work on it", async ({ app, shot }) => {
  test.setTimeout(120_000);
  project = `e2e-v1-${Date.now().toString(36)}`;
  folder = join(tmpdir(), project);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'docker-compose.yml'),
    `services:\n  worker:\n    image: benchtop-test/busybox\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $$!; done"]\n    labels: { benchtop.test: "1" }\n`,
  );
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Stacks', exact: true })).toBeVisible();
  execFileSync('docker-compose', ['-p', project, 'up', '-d'], { cwd: folder, stdio: 'ignore' });
  const stack = app.getByRole('region', { name: `Stack ${project}`, exact: true });
  await expect(stack).toBeVisible({ timeout: 15_000 });
  const row = stack.getByRole('row').filter({ hasText: 'worker' });
  await expect(row.getByText('running', { exact: true })).toBeVisible();
  await shot('compose-08-v1-stack');

  await app.getByRole('button', { name: `Stop ${project}`, exact: true }).click();
  await expect(row.getByText('exited', { exact: true })).toBeVisible({ timeout: 30_000 });
  await app.getByRole('button', { name: `Down ${project}`, exact: true }).click();
  await app.getByRole('dialog', { name: `Down ${project}`, exact: true }).getByRole('button', { name: 'Down', exact: true }).click();
  await expect(stack).toHaveCount(0, { timeout: 30_000 });
  expect(docker('ps', '-aq', '--filter', `label=${PROJECT_LABEL}=${project}`)).toBe('');
});

test('service actions (scale web to 2 and back, restart, terminal) and merged logs with service toggles', async ({ app, shot }) => {
  test.setTimeout(120_000);
  const file = writeStack();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
  await app.getByLabel('Compose file path', { exact: true }).fill(file);
  await app.getByRole('button', { name: 'Preview changes', exact: true }).click();
  await app.getByRole('button', { name: 'Up', exact: true }).click();
  const progress = app.getByRole('region', { name: 'Compose progress', exact: true });
  await expect(progress.getByRole('status')).toHaveText(/^Done/, { timeout: 60_000 });
  const stack = app.getByRole('region', { name: `Stack ${project}`, exact: true });
  const services = stack.getByRole('table', { name: `Services of ${project}`, exact: true });

  await stack.getByLabel('Replicas of web', { exact: true }).fill('2');
  await stack.getByRole('button', { name: 'Scale web', exact: true }).click();
  await expect(progress.getByRole('status')).toHaveText(/^Done/, { timeout: 60_000 });
  await expect(services.getByRole('row').filter({ hasText: `${project}-web-2` }).getByText('running', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(stack.getByLabel('Replicas of web', { exact: true })).toHaveValue('2');
  expect(docker('ps', '-q', '--filter', `label=${PROJECT_LABEL}=${project}`, '--filter', 'label=com.docker.compose.service=web').split('\n').filter(Boolean)).toHaveLength(2);
  await shot('compose-09-scaled-to-2');

  await stack.getByLabel('Replicas of web', { exact: true }).fill('1');
  await stack.getByRole('button', { name: 'Scale web', exact: true }).click();
  await expect(services.getByRole('row').filter({ hasText: `${project}-web-2` })).toHaveCount(0, { timeout: 30_000 });
  await expect(services.getByRole('row').filter({ hasText: `${project}-web-1` }).getByText('running', { exact: true })).toBeVisible();
  await expect(services.getByRole('row').filter({ hasText: `${project}-db-1` })).toHaveCount(1);

  const startedBefore = docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-db-1`);
  await stack.getByRole('button', { name: 'Restart db', exact: true }).click();
  await expect.poll(() => docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-db-1`), { timeout: 30_000 }).not.toBe(startedBefore);

  await app.getByRole('button', { name: `Terminal of ${project}-web-1`, exact: true }).click();
  const panel = app.getByRole('region', { name: `Terminal of ${project}-web-1`, exact: true });
  await expect(panel.getByRole('status', { name: 'Terminal status' })).toHaveText(/Connected: \/bin\/sh/, { timeout: 15_000 });
  const terminal = panel.getByRole('group', { name: `Terminal of ${project}-web-1`, exact: true });
  await terminal.click();
  await app.keyboard.type('echo scaled-$((40+2))');
  await app.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('scaled-42', { timeout: 10_000 });
  await shot('compose-10-terminal');
  await panel.getByRole('button', { name: 'Close terminal', exact: true }).click();
  await expect(panel).toHaveCount(0);

  await stack.getByRole('button', { name: `Merged logs of ${project}`, exact: true }).click();
  const merged = app.getByRole('region', { name: `Merged logs of ${project}`, exact: true });
  const log = merged.getByRole('log', { name: `Log lines of ${project}`, exact: true });
  const line = (text: string) => log.locator('.merged-log-line').filter({ hasText: text }).first();
  await expect(line('db ready').locator('.merged-log-prefix')).toHaveText('db |', { timeout: 10_000 });
  await expect(line('web serving on 8080').locator('.merged-log-prefix')).toHaveText('web |');
  await expect(line('request 1').locator('.merged-log-prefix')).toHaveText('web |');
  // Interleaved by time: db was ready before web started serving.
  const texts = await log.locator('.merged-log-line').allInnerTexts();
  expect(texts.findIndex((t) => t.includes('db ready'))).toBeLessThan(texts.findIndex((t) => t.includes('web serving on 8080')));
  await shot('compose-11-merged-logs');
  await merged.getByRole('checkbox', { name: 'web', exact: true }).uncheck();
  await expect(log.locator('.merged-log-prefix', { hasText: 'web |' })).toHaveCount(0);
  await expect(line('db ready')).toBeVisible();
  await merged.getByRole('checkbox', { name: 'web', exact: true }).check();
  await expect(line('web serving on 8080')).toBeVisible();
  await merged.getByRole('button', { name: 'Close merged logs', exact: true }).click();
  await expect(merged).toHaveCount(0);
});

test('Build on a stack builds the services with build: as a task in the tray, then Up runs it', async ({ app, shot }) => {
  test.setTimeout(120_000);
  project = `e2e-build-${Date.now().toString(36)}`;
  folder = join(tmpdir(), project);
  mkdirSync(join(folder, 'app'), { recursive: true });
  const image = `benchtop-test/${project}:latest`;
  const file = join(folder, 'compose.yaml');
  const worker = `  worker:\n    image: benchtop-test/busybox\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $$!; done"]\n    labels: { benchtop.test: "1" }\n`;
  writeFileSync(file, `services:\n${worker}`);
  writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM benchtop-test/busybox\nLABEL benchtop.test=1\nCMD ["sh", "-c", "echo built app; sleep 600"]\n');
  try {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
    await app.getByLabel('Compose file path', { exact: true }).fill(file);
    await app.getByRole('button', { name: 'Preview changes', exact: true }).click();
    await app.getByRole('button', { name: 'Up', exact: true }).click();
    const stack = app.getByRole('region', { name: `Stack ${project}`, exact: true });
    await expect(stack.getByRole('row').filter({ hasText: `${project}-worker-1` })).toBeVisible({ timeout: 30_000 });

    // The file gains a service that builds its image: Build on the card builds it.
    writeFileSync(file, `services:\n${worker}  app:\n    build: ./app\n    image: ${image}\n    labels: { benchtop.test: "1" }\n`);
    await stack.getByRole('button', { name: `Build ${project}`, exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: `Built the images of ${project}` })).toBeVisible({ timeout: 60_000 });
    await app.getByRole('button', { name: 'Tasks', exact: true }).click();
    const panel = app.getByRole('region', { name: 'Tasks panel' });
    await expect(panel.getByRole('listitem', { name: `Build ${image} (${project})` })).toBeVisible();
    await shot('compose-12-built-task');
    expect(docker('image', 'inspect', '-f', '{{.Id}}', image)).toMatch(/^sha256:/);

    await stack.getByRole('button', { name: `Up ${project}`, exact: true }).click();
    await expect(stack.getByRole('row').filter({ hasText: `${project}-app-1` }).getByText('running', { exact: true })).toBeVisible({ timeout: 30_000 });
  } finally {
    const ids = docker('ps', '-aq', '--filter', `label=${PROJECT_LABEL}=${project}`).split('\n').filter(Boolean);
    if (ids.length > 0) docker('rm', '-f', ...ids);
    execFileSync('sh', ['-c', `docker image rm -f ${image} >/dev/null 2>&1 || true`]);
  }
});

test('edit a compose file: a bad key shows inline with line:column and clears when fixed; Save refuses a file changed on disk', async ({ app, shot }) => {
  project = `e2e-edit-${Date.now().toString(36)}`;
  folder = join(tmpdir(), project);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'compose.yaml');
  const good = 'services:\n  web:\n    image: benchtop-test/busybox\n    command: ["sleep", "60"]\n';
  writeFileSync(file, good);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Stacks', exact: true }).click();
  await app.getByLabel('Compose file path', { exact: true }).fill(file);
  await app.getByRole('button', { name: 'Edit compose file', exact: true }).click();
  const editor = app.getByRole('region', { name: `Edit ${file}`, exact: true });
  const text = editor.getByRole('textbox', { name: 'Compose file', exact: true });
  await expect(text).toHaveValue(good);
  await expect(editor.getByRole('status', { name: 'Validation', exact: true })).toHaveText('Valid');

  await text.fill(good.replace('    command:', '    comand:'));
  const problems = editor.getByRole('list', { name: 'Compose file problems', exact: true });
  await expect(problems).toContainText('4:5', { timeout: 10_000 });
  await expect(problems).toContainText('comand');
  await expect(editor.locator('.gutter-error')).toHaveText('4');
  await shot('compose-13-editor-error');

  await text.fill(good.replace('["sleep", "60"]', '["sleep", "120"]'));
  await expect(problems).toHaveCount(0, { timeout: 10_000 });
  await expect(editor.locator('.gutter-error')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByText('Saved.', { exact: true })).toBeVisible();
  expect(readFileSync(file, 'utf8')).toContain('"120"');
  await shot('compose-14-editor-saved');

  writeFileSync(file, good);
  await text.fill(good.replace('["sleep", "60"]', '["sleep", "180"]'));
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByRole('alert')).toContainText('changed on disk since it was opened');
  expect(readFileSync(file, 'utf8')).toBe(good);
});
