import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
