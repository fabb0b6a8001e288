import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, expect, openPage, test } from './support/fixtures.ts';

const cli = fileURLToPath(new URL('../electron/cli/main.ts', import.meta.url));
const IMAGE = 'benchtop-test/python-ml';
const MODEL = 'iris-e2e';
const ENDPOINT = 'iris-e2e';

/** `benchtop …` against the web host's data folder, as a person would in a terminal beside the app. */
function benchtop(...args: string[]): string {
  const home = process.env.BENCHTOP_E2E_HOME;
  if (!home) throw new Error('BENCHTOP_E2E_HOME is not set: global setup did not start the web host.');
  return execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, BENCHTOP_HOME: home }, timeout: 150_000 });
}

/** Trains a small iris classifier in the image (pickle + an MLflow-style MLmodel with a signature) into `dir`. */
function trainIris(dir: string): void {
  const script = `import json, pickle
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
x, y = load_iris(return_X_y=True, as_frame=True)
x.columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
pickle.dump(LogisticRegression(max_iter=500).fit(x, y), open("/out/model.pkl", "wb"))
cols = [{"type": "double", "name": c, "required": True} for c in x.columns]
open("/out/MLmodel", "w").write("flavors:\\n  sklearn: {pickled_model: model.pkl, serialization_format: pickle}\\nsignature:\\n  inputs: '" + json.dumps(cols) + "'\\n")
`;
  docker('run', '--rm', '--network', 'none', '--label', 'benchtop.test=1', '-v', `${dir}:/out`, IMAGE, 'python3', '-c', script);
  docker('run', '--rm', '--network', 'none', '--label', 'benchtop.test=1', '-v', `${dir}:/out`, IMAGE, 'chmod', '-R', 'a+rwX', '/out');
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test.afterEach(() => {
  try {
    benchtop('endpoints', 'rm', ENDPOINT);
  } catch {
    // not served (the test failed before): nothing to remove
  }
  const left = docker('ps', '-aq', '--filter', `label=benchtop.endpoint=${ENDPOINT}`).trim();
  if (left) docker('rm', '-f', ...left.split('\n'));
});

test('serve a version from the Models page, try it, and watch the latency chart move', async ({ app, shot }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-endpoints-e2e-'));
  try {
    trainIris(dir);
    benchtop('models', 'register', MODEL, dir, '--alias', 'champion');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await openPage(app, 'Models');
  await app.getByRole('navigation', { name: 'Models' }).getByRole('button', { name: new RegExp(MODEL) }).click();
  // An alias offers to serve it too: that endpoint would follow the alias.
  await app.getByRole('button', { name: `Serve ${MODEL}@champion` }).click();
  const aliasDialog = app.getByRole('dialog', { name: 'Serve model' });
  await expect(aliasDialog).toContainText(`Serve ${MODEL}@champion`);
  await expect(aliasDialog).toContainText('The endpoint follows the alias');
  await aliasDialog.getByRole('button', { name: 'Cancel' }).click();
  const version = app.getByRole('region', { name: /^Version \d+$/ });
  await version.getByRole('button', { name: 'Serve', exact: true }).click();

  // A version registered by hand has no recorded image: the dialog asks for one.
  const dialog = app.getByRole('dialog', { name: 'Serve model' });
  await expect(dialog).toContainText('has no recorded image');
  await dialog.getByLabel('Endpoint name').fill(ENDPOINT);
  await dialog.getByLabel('Image').fill(IMAGE);
  await shot('endpoints-serve-dialog');
  await dialog.getByRole('button', { name: 'Serve', exact: true }).click();

  // Once healthy, the Endpoints page opens on it.
  await expect(app.getByRole('heading', { name: 'Endpoints', level: 1 })).toBeVisible({ timeout: 150_000 });
  const detail = app.getByRole('region', { name: `Endpoint ${ENDPOINT}` });
  await expect(detail.getByText('running', { exact: true })).toBeVisible();
  const url = (await detail.locator('.mono').first().textContent()) ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  // Try it: a row built from the signature's four columns, sent through the endpoint.
  const tryIt = detail.getByRole('region', { name: 'Try it' });
  await tryIt.getByLabel('sepal_length', { exact: true }).fill('5.1');
  await tryIt.getByLabel('sepal_width', { exact: true }).fill('3.5');
  await tryIt.getByLabel('petal_length', { exact: true }).fill('1.4');
  await tryIt.getByLabel('petal_width', { exact: true }).fill('0.2');
  await tryIt.getByRole('button', { name: 'Send' }).click();
  await expect(tryIt.getByLabel('Prediction')).toHaveText('[0]');
  await expect(tryIt).toContainText('HTTP 200');
  // Measured and captured like any other request.
  await expect(detail).toContainText('1 request · 0 errors');
  await expect(detail.getByRole('table', { name: 'Captured requests' })).toContainText('{"predictions": [0]}');
  await shot('endpoints-try-it');

  // Traffic from outside the app: the chart gains points second by second, the table shows the requests.
  const chart = detail.getByRole('img', { name: 'Latency chart' });
  const pointsBefore = Number(await chart.getAttribute('data-points'));
  const body = JSON.stringify({ dataframe_split: { columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], data: [[6.7, 3.0, 5.2, 2.3]] } });
  for (let second = 0; second < 4; second++) {
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(`${url}/invocations`, body)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThanOrEqual(pointsBefore + 3);
  await expect.poll(async () => Number(await chart.getAttribute('data-requests'))).toBeGreaterThanOrEqual(21);
  const captured = detail.getByRole('table', { name: 'Captured requests' });
  await expect(captured.getByRole('row')).toHaveCount(11);
  await expect(captured).toContainText('{"predictions": [2]}');
  const table = app.getByRole('table', { name: 'Endpoints' });
  await expect(table.getByRole('row').nth(1)).toContainText(`${MODEL} v1`);
  await expect(table.getByRole('row').nth(1)).toContainText(url);
  await detail.getByRole('button', { name: 'Logs' }).click();
  await expect(detail.getByRole('region', { name: 'Endpoint logs' })).toContainText('benchtop-serve: listening');
  await chart.scrollIntoViewIfNeeded();
  await shot('endpoints-latency');

  // The export: a compose service with the image pinned by its ID (built here, no registry digest).
  await detail.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Compose' }).click();
  const composeText = detail.getByLabel('compose export');
  await expect(composeText).toContainText(`${ENDPOINT}:`);
  await expect(composeText).toContainText(docker('image', 'inspect', '-f', '{{.Id}}', IMAGE));
  await detail.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Kubernetes' }).click();
  await expect(detail.getByLabel('kubernetes export')).toContainText('kind: Deployment');

  // Stop: the state changes and the port no longer answers.
  await detail.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(detail.getByText('stopped', { exact: true })).toBeVisible();
  await expect(post(`${url}/invocations`, body)).rejects.toThrow();
});
