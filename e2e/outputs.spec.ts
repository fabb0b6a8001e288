import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { expect, openPage, test } from './support/fixtures.ts';

// Runs lead to their outputs, through the web host on the real engine: a busybox step writes text,
// a CSV, a PNG and a model; the person opens the run, the step's logs, its artifacts (preview and
// download), renames the run, and opens a file of the model version it registered.
const suffix = Date.now().toString(36);
const dir = mkdtempSync(join(tmpdir(), 'benchtop-e2e-outputs-'));
const PIPELINE = `e2e-outputs-${suffix}`;
const MODEL = `e2e-outputs-model-${suffix}`;
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 4×4 PNG in two colours, made here so its bytes are known. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: 4 }, (_, y) => [0, ...Array.from({ length: 4 }, (_, x) => ((x + y) % 2 ? [29, 99, 237] : [255, 180, 0])).flat()]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows.flat()))), chunk('IEND', Buffer.alloc(0))]);
}
const png = tinyPng();
const octal = (bytes: Buffer) => [...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
const script = [
  'mkdir -p /out/notes /model',
  'echo "notes of the step" > /out/notes/readme.txt',
  'printf "name,score,rows\\nalpha,0.91,120\\nbeta,0.87,118\\n" > /out/table.csv',
  `printf "${octal(png)}" > /out/dot.png`,
  'echo "weights of the model" > /model/weights.txt',
  'echo "wrote the outputs"',
].join(' && ');
const pipelineFile = join(dir, 'outputs.yaml');
writeFileSync(
  pipelineFile,
  `apiVersion: benchtop/v1\nkind: Pipeline\nmetadata:\n  name: ${PIPELINE}\nsteps:\n  make:\n    image: benchtop-test/busybox\n    command: [sh, -c]\n    args: ['${script}']\n    outputs:\n      artifacts: { out: { path: /out }, model: { path: /model } }\n      model: { name: ${MODEL}, path: /model }\n`,
);

test('a run’s step opens its logs and artifacts (text, CSV, image, download), the run is renamed, its model version’s file opens', async ({ app, shot }) => {
  test.setTimeout(180_000);
  await openPage(app, 'Runs');
  await app.getByRole('button', { name: 'New run…', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'New run' });
  await ask.getByRole('textbox', { name: 'Pipeline file' }).fill(pipelineFile);
  await ask.getByRole('button', { name: 'Next', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run pipeline' });
  await dialog.getByRole('textbox', { name: 'Run name' }).fill('first look');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  const header = app.locator('.run-detail-header');
  await expect(header.getByRole('heading', { name: 'first look' })).toBeVisible();
  const runId = (await header.locator('code.run-id').textContent()) ?? '';
  expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
  await expect(header.getByText('succeeded', { exact: true })).toBeVisible({ timeout: 90_000 });

  // The step row opens the step's logs.
  await app.getByRole('button', { name: 'Open step make' }).click();
  const outputs = app.getByRole('region', { name: 'Outputs of make' });
  await expect(outputs.getByLabel('Log of make, attempt 1')).toContainText('wrote the outputs');
  await shot('outputs-step-logs');

  // Its artifacts: text, CSV as a table, the image inline.
  await outputs.getByRole('tab', { name: /Artifacts/ }).click();
  await outputs.getByRole('button', { name: 'out/notes/readme.txt' }).click();
  await expect(outputs.getByLabel('Text of readme.txt')).toHaveText('notes of the step\n');
  await shot('outputs-text');
  await outputs.getByRole('button', { name: 'out/table.csv' }).click();
  const table = outputs.getByRole('table', { name: 'Rows of table.csv' });
  await expect(table.getByRole('columnheader')).toHaveText(['name', 'score', 'rows']);
  await expect(table.getByRole('row').nth(1)).toContainText('alpha0.91120');
  await shot('outputs-csv');
  await outputs.getByRole('button', { name: 'out/dot.png' }).click();
  const image = outputs.getByRole('img', { name: 'dot.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([4, 4]);
  await shot('outputs-image');

  // Download: the browser's download event, the bytes the step wrote.
  const [download] = await Promise.all([app.waitForEvent('download'), outputs.getByRole('button', { name: 'Download dot.png' }).click()]);
  expect(download.suggestedFilename()).toBe('dot.png');
  expect(readFileSync(await download.path()).equals(png)).toBe(true);

  // Rename: the header and the runs list show the new name, with the whole id.
  await header.getByRole('button', { name: 'Rename', exact: true }).click();
  await header.getByRole('textbox', { name: 'Run name' }).fill('tuned and kept');
  await header.getByRole('button', { name: 'Save name' }).click();
  await expect(header.getByRole('heading', { name: 'tuned and kept' })).toBeVisible();
  await shot('outputs-renamed');
  await app.getByRole('button', { name: '← All runs' }).click();
  const row = app.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: runId });
  await expect(row.getByRole('button', { name: `Open run ${runId} tuned and kept` })).toBeVisible();
  await expect(row.locator('code.run-id')).toHaveText(runId);
  await shot('outputs-runs-list');
  await row.getByRole('button', { name: `Open run ${runId} tuned and kept` }).click();
  await app.getByRole('button', { name: 'Open step make' }).click();

  // The pipeline page's live run: its header names the run with its whole id; the step panel browses the same artifacts.
  await app.getByRole('button', { name: 'Open in graph' }).click();
  await expect(app.getByLabel('Watched run')).toContainText(`tuned and kept ${runId}`);
  await app.getByRole('button', { name: `Add ${dir} as a workspace folder` }).click();
  await app.getByTestId('step-node-make').click();
  const panel = app.getByRole('complementary', { name: 'Step make' });
  await panel.getByRole('tab', { name: 'Artifacts' }).click();
  await panel.getByRole('button', { name: 'out/table.csv' }).click();
  await expect(panel.getByRole('table', { name: 'Rows of table.csv' })).toContainText('beta');
  await shot('outputs-pipeline-panel');
  await openPage(app, 'Runs');
  await expect(header.getByRole('heading', { name: 'tuned and kept' })).toBeVisible();

  // The model version the run registered; open one of its files.
  await outputs.getByRole('tab', { name: 'Models' }).click();
  await outputs.getByRole('button', { name: `${MODEL} v1` }).click();
  await expect(app.getByRole('heading', { name: 'Models', exact: true, level: 1 })).toBeVisible();
  const version = app.getByRole('region', { name: 'Version 1' });
  await version.getByText('Files (1)').click();
  await version.getByRole('button', { name: 'weights.txt', exact: true }).click();
  await expect(version.getByLabel('Text of weights.txt')).toHaveText('weights of the model\n');
  await version.getByLabel('Text of weights.txt').scrollIntoViewIfNeeded();
  await shot('outputs-model-file');
  const [modelDownload] = await Promise.all([app.waitForEvent('download'), version.getByRole('button', { name: 'Download weights.txt' }).first().click()]);
  expect(readFileSync(await modelDownload.path(), 'utf8')).toBe('weights of the model\n');
});
