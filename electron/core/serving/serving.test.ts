import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelVersion, TreeEntry } from '../../../shared/catalog/model.ts';
import { defaultEndpointName, parseEndpointReference, signatureColumns } from '../../../shared/serving/endpoint.ts';
import { ContentStore } from '../catalog/content-store.ts';
import { openStore } from '../store/database.ts';
import { captureFrame, parseScoringInput } from './capture-frame.ts';
import { CaptureStore } from './capture-store.ts';
import { LatencyWindow } from './latency-window.ts';
import { planServing } from './serving-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'bt-serving-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('endpoint references and names', () => {
  it('reads NAME, NAME@ALIAS and NAME:VERSION', () => {
    expect(parseEndpointReference('iris')).toEqual({ model: 'iris' });
    expect(parseEndpointReference('iris@champion')).toEqual({ model: 'iris', alias: 'champion' });
    expect(parseEndpointReference('iris:3')).toEqual({ model: 'iris', version: 3 });
    expect(parseEndpointReference('team:iris:v4')).toEqual({ model: 'team:iris', version: 4 });
    expect(defaultEndpointName('Breast Cancer_Classifier')).toBe('breast-cancer-classifier');
  });

  it('takes the columns of a column-based signature', () => {
    expect(signatureColumns({ inputs: [{ name: 'a', type: 'double' }, { type: 'tensor' }] })).toEqual([{ name: 'a', type: 'double' }]);
    expect(signatureColumns(null)).toEqual([]);
  });
});

describe('which versions the scoring server can load', () => {
  const files = new ContentStore(join(dir, 'catalog'));
  const version = { name: 'm', version: 2 } as ModelVersion;
  async function tree(entries: Record<string, string>): Promise<TreeEntry[]> {
    const out: TreeEntry[] = [];
    for (const [path, text] of Object.entries(entries)) {
      const blob = await files.putBytes(Buffer.from(text));
      out.push({ path, digest: blob.digest, size: blob.size, mode: 0o644 });
    }
    return out;
  }

  it('loads sklearn (cloudpickle) with the column signature, from a nested folder', async () => {
    const entries = await tree({
      'model/MLmodel': `flavors:\n  python_function: {loader_module: mlflow.sklearn, model_path: model.pkl, predict_fn: predict_proba}\n  sklearn: {pickled_model: model.pkl, serialization_format: cloudpickle}\nsignature:\n  inputs: '[{"type": "double", "name": "x", "required": true}]'\n`,
      'model/model.pkl': 'x',
    });
    const plan = await planServing(files, version, entries);
    expect(plan).toEqual({
      root: 'model',
      config: { model: 'm', version: 2, loader: 'sklearn', modelPath: 'model.pkl', serialization: 'cloudpickle', predictFn: 'predict_proba', codePaths: [], artifacts: {}, inputs: [{ name: 'x', type: 'double', required: true }], params: null },
    });
  });

  it('loads a pickled PythonModel with its artifacts', async () => {
    const entries = await tree({ MLmodel: 'flavors:\n  python_function: {loader_module: mlflow.pyfunc.model, python_model: python_model.pkl, artifacts: {lut: {path: artifacts/lut.json}}}\n', 'python_model.pkl': 'x' });
    expect((await planServing(files, version, entries)).config).toMatchObject({ loader: 'python_model', modelPath: 'python_model.pkl', artifacts: { lut: 'artifacts/lut.json' }, inputs: null });
  });

  it('refuses, with the reason: no MLmodel, skops, an unknown loader, a missing file', async () => {
    await expect(planServing(files, version, await tree({ 'model.pkl': 'x' }))).rejects.toThrow(/has no MLmodel file/);
    await expect(planServing(files, version, await tree({ MLmodel: 'flavors:\n  sklearn: {pickled_model: model.skops, serialization_format: skops}\n', 'model.skops': 'x' }))).rejects.toThrow(/"skops" format/);
    await expect(planServing(files, version, await tree({ MLmodel: 'flavors:\n  python_function: {loader_module: mlflow.pytorch}\n  pytorch: {}\n' }))).rejects.toThrow(/loads through mlflow.pytorch, which Benchtop's scoring server does not load/);
    await expect(planServing(files, version, await tree({ MLmodel: 'flavors:\n  sklearn: {pickled_model: model.pkl}\n' }))).rejects.toThrow(/names model.pkl, but the version has no such file/);
  });
});

describe('the capture as monitoring reads it', () => {
  it('parses all four JSON forms and CSV into columns and rows', () => {
    const rows = { columns: ['a', 'b'], rows: [[1, 2], [3, 4]] };
    expect(parseScoringInput(JSON.stringify({ dataframe_split: { columns: ['a', 'b'], data: [[1, 2], [3, 4]] } }), 'application/json')).toEqual(rows);
    expect(parseScoringInput(JSON.stringify({ dataframe_records: [{ a: 1, b: 2 }, { a: 3, b: 4 }] }), 'application/json')).toEqual(rows);
    expect(parseScoringInput(JSON.stringify({ instances: [{ a: 1, b: 2 }, { a: 3, b: 4 }] }), 'application/json')).toEqual(rows);
    expect(parseScoringInput(JSON.stringify({ inputs: { a: [1, 3], b: [2, 4] } }), 'application/json')).toEqual(rows);
    expect(parseScoringInput('a,b\n1,2\r\n3,4\n', 'text/csv; charset=utf-8')).toEqual(rows);
    expect(parseScoringInput('{broken', 'application/json')).toBeNull();
  });

  it('flattens requests to one row per input row, with predictions, and skips errors and truncated records', () => {
    const store = openStore(join(dir, 'capture.db'));
    const captures = CaptureStore.for(store);
    const add = (time: number, status: number, input: string, output: string, contentType = 'application/json') =>
      captures.add({ endpoint: 'e', requestId: `r${time}`, time, version: 1, status, latencyMs: 1, contentType, input: Buffer.from(input), output: Buffer.from(output) });
    add(10, 200, JSON.stringify({ dataframe_split: { columns: ['a', 'b'], data: [[1, 2], [3, 4]] } }), '{"predictions": [0, 1]}');
    add(20, 400, JSON.stringify({ dataframe_split: { columns: ['a'], data: [[9]] } }), '{"error_code": "BAD_REQUEST"}');
    add(30, 200, 'b,c\n5,x\n', '{"predictions": [1]}', 'text/csv');
    add(40, 200, 'x'.repeat(300_000), '{"predictions": [1]}');
    const frame = captureFrame(store, 'e', { sinceMs: 0, untilMs: 100 });
    expect(frame).toEqual({
      columns: ['a', 'b', 'c'],
      rows: [
        [1, 2, null],
        [3, 4, null],
        [null, 5, 'x'],
      ],
      predictions: [0, 1, 1],
      requestIds: ['r10', 'r10', 'r30'],
      times: [10, 10, 30],
      versions: [1, 1, 1],
    });
    expect(captureFrame(store, 'e', { sinceMs: 25, untilMs: 35 }).rows).toEqual([[5, 'x']]);
    expect(captures.recent('e', 1)[0]).toMatchObject({ requestId: 'r40', truncated: true, input: null });
    store.close();
  });
});

describe('latency window', () => {
  it('gives p50/p95, requests per minute, errors and a per-second series', () => {
    let now = 1_000_000;
    const window = new LatencyWindow(() => now);
    for (let i = 1; i <= 100; i++) window.record(i, i > 98);
    now += 1000;
    window.record(5, false);
    const stats = window.stats();
    expect(stats).toMatchObject({ p50Ms: 50, p95Ms: 95, requestsPerMinute: 101, requests: 101, errors: 2 });
    expect(stats.series.map((p) => p.requests)).toEqual([100, 1]);
    now += 400_000;
    expect(window.stats()).toMatchObject({ p50Ms: null, requestsPerMinute: 0, requests: 101 });
  });
});
