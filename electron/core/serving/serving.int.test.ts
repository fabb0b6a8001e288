import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../pipelines/service.ts';
import { captureFrame } from './capture-frame.ts';
import { ENDPOINT_LABEL } from './endpoint-container.ts';
import { exportEndpoint } from './endpoint-export.ts';
import {
  createServingHarness,
  freePort,
  httpCall,
  imagePresent,
  IRIS_COLUMNS,
  ML_IMAGE,
  payloads,
  peersPresent,
  REPO,
  saveIrisModels,
  savePyfuncModel,
  SERVE_IMAGE,
  startMlflowServe,
  type ServingHarness,
} from './test-support.ts';

// Real engine, real SQLite, the real mlflow from .venv-peers as the reference. Images:
// benchtop-test/python-ml (the example's training image) and benchtop-test/python-serve
// (scripts/build-wheels-image.sh python-serve: the peers' scikit-learn, so mlflow-saved models load).
const haveImages = imagePresent(ML_IMAGE) && imagePresent(SERVE_IMAGE);
const run = haveImages && peersPresent;

function containersOf(endpoint: string): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=${ENDPOINT_LABEL}=${endpoint}`, '--filter', 'label=benchtop.test=1'], { encoding: 'utf8' }).trim();
  return out ? out.split('\n') : [];
}

describe.skipIf(!run)('serving on the real engine', { timeout: 600_000 }, () => {
  let h: ServingHarness;
  let scratch: string;
  let models: { logistic: string; constant: string };

  /** The mlflow-saved logistic model, registered by path (as `benchtop models register`), once. */
  const irisParity = async () =>
    h.catalog.models.getModel('iris-parity')
      ? h.catalog.models.getVersion('iris-parity', 1)
      : h.catalog.models.createVersion({ name: 'iris-parity', files: { path: models.logistic }, source: { type: 'manual', uri: models.logistic } });

  beforeAll(() => {
    h = createServingHarness();
    scratch = mkdtempSync(join(tmpdir(), 'bt-serving-models-'));
    models = saveIrisModels(scratch);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    rmSync(scratch, { recursive: true, force: true });
  }, 120_000);

  it("serves the train-and-select example's champion: the four JSON forms and CSV answer exactly an in-container predict", async () => {
    const pipelines = new PipelineService({ store: h.store, docker: () => h.engine.client(), home: h.home, labels: { 'benchtop.test': '1' }, onStepSucceeded: h.catalog.registerStepOutputs });
    const text = readFileSync(join(REPO, 'resources/examples/train-and-select/pipeline.yaml'), 'utf8');
    const { done } = pipelines.startRun({ text, params: { image: ML_IMAGE }, useCache: false });
    expect(await done).toBe('succeeded');
    const champion = h.catalog.models.getVersion('breast-cancer-classifier', 'champion');
    expect(champion.source.imageDigest).toMatch(/^sha256:/);

    const endpoint = await h.serving.serve({ model: 'breast-cancer-classifier', alias: 'champion', name: 'bc-champion' });
    expect(endpoint).toMatchObject({ state: 'running', version: champion.version, image: champion.source.imageDigest, target: { kind: 'alias', alias: 'champion' } });
    expect((await httpCall(`${endpoint.url}/ping`, 'GET')).status).toBe(200);

    // Six rows of the example's own feature table (without the target).
    const features = h.catalog.features.get('breast-cancer-features');
    const table = h.catalog.models.treeEntries(features.latest?.treeDigest as string).find((e) => e.path === 'table.csv');
    const lines = (await h.catalog.models.files.read(table?.digest as string)).toString('utf8').trim().split('\n');
    const header = lines[0].split(',');
    const keep = header.map((name, i) => (name === 'target' ? -1 : i)).filter((i) => i >= 0);
    const columns = keep.map((i) => header[i]);
    const rows = lines.slice(1, 7).map((line) => keep.map((i) => Number(line.split(',')[i])));

    // The reference: the pickled model loaded and asked in its own image, on the same rows.
    const { modelDir } = await h.serving.servingFiles('bc-champion');
    const script = `import json, pickle, sys, pandas as pd
m = pickle.load(open("/m/model.pkl", "rb"))
d = json.loads(sys.argv[1])
print(json.dumps(m.predict(pd.DataFrame(d["rows"], columns=d["columns"])).tolist()))`;
    const reference = JSON.parse(
      execFileSync('docker', ['run', '--rm', '--network', 'none', '--label', 'benchtop.test=1', '-v', `${modelDir}:/m:ro`, champion.source.imageDigest as string, 'python3', '-c', script, JSON.stringify({ columns, rows })], {
        encoding: 'utf8',
      }),
    ) as number[];
    expect(reference).toHaveLength(6);

    for (const payload of payloads(columns, rows)) {
      const answer = await httpCall(`${endpoint.url}/invocations`, 'POST', payload.body, payload.contentType);
      expect({ form: payload.name, status: answer.status }).toEqual({ form: payload.name, status: 200 });
      expect({ form: payload.name, predictions: (JSON.parse(answer.body) as { predictions: number[] }).predictions }).toEqual({ form: payload.name, predictions: reference });
      expect(answer.headers['x-benchtop-model-version']).toBe(String(champion.version));
    }

    // The signature is enforced: a missing column and a wrong type are 400s naming the column.
    const missing = await httpCall(`${endpoint.url}/invocations`, 'POST', JSON.stringify({ dataframe_split: { columns: columns.slice(1), data: rows.map((r) => r.slice(1)) } }));
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining(`'${columns[0]}'`) });
    const wrong = await httpCall(`${endpoint.url}/invocations`, 'POST', JSON.stringify({ dataframe_records: [{ ...Object.fromEntries(columns.map((c, i) => [c, rows[0][i]])), [columns[2]]: 'abc' }] }));
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.body)).toMatchObject({ error_code: 'BAD_REQUEST', message: expect.stringContaining(`column ${columns[2]}`) });

    // The capture, as monitoring reads it: one row per input row with its prediction.
    h.serving.captures.flush();
    const frame = captureFrame(h.store, 'bc-champion', {});
    expect(frame.columns).toEqual(columns);
    expect(frame.rows).toHaveLength(30);
    expect(frame.rows[0]).toEqual(rows[0]);
    expect(frame.predictions.slice(0, 6)).toEqual(reference);
    expect(new Set(frame.requestIds).size).toBe(5);
    expect(frame.times.every((t) => t > 0)).toBe(true);
    await h.serving.remove('bc-champion');
    expect(containersOf('bc-champion')).toEqual([]);
  });

  it("answers as `mlflow models serve --env-manager local` does: same predictions, same status codes and error shape", async () => {
    const version = await irisParity();
    expect(version.flavor).toBe('sklearn');
    const ours = await h.serving.serve({ model: 'iris-parity', version: version.version, image: SERVE_IMAGE, name: 'iris-parity' });
    const mlflow = await startMlflowServe(models.logistic);
    try {
      const rows = [
        [5.1, 3.5, 1.4, 0.2],
        [6.7, 3.0, 5.2, 2.3],
        [5.9, 3.0, 4.2, 1.5],
        [4, 2, 1, 0],
      ];
      for (const payload of [...payloads(IRIS_COLUMNS, rows), { name: 'params', body: JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS, data: rows }, params: {} }), contentType: 'application/json' }]) {
        const [a, b] = await Promise.all([httpCall(`${ours.url}/invocations`, 'POST', payload.body, payload.contentType), httpCall(`${mlflow.url}/invocations`, 'POST', payload.body, payload.contentType)]);
        expect({ form: payload.name, status: a.status, body: JSON.parse(a.body) as unknown }).toEqual({ form: payload.name, status: b.status, body: JSON.parse(b.body) as unknown });
      }
      const bad = [
        { name: 'missing column', body: JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS.slice(0, 3), data: [[5.1, 3.5, 1.4]] } }), contentType: 'application/json' },
        { name: 'wrong type', body: JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS, data: [['abc', 3.5, 1.4, 0.2]] } }), contentType: 'application/json' },
        { name: 'broken JSON', body: '{"dataframe_split":', contentType: 'application/json' },
        { name: 'no input field', body: JSON.stringify({ rows: [[1, 2, 3, 4]] }), contentType: 'application/json' },
        { name: 'unsupported content type', body: 'x', contentType: 'text/plain' },
      ];
      for (const payload of bad) {
        const [a, b] = await Promise.all([httpCall(`${ours.url}/invocations`, 'POST', payload.body, payload.contentType), httpCall(`${mlflow.url}/invocations`, 'POST', payload.body, payload.contentType)]);
        expect({ case: payload.name, status: a.status }).toEqual({ case: payload.name, status: b.status });
        if (b.status === 415) {
          expect(a.headers['content-type']).toMatch(/^text\/plain/);
          continue;
        }
        const ourError = JSON.parse(a.body) as Record<string, unknown>;
        const theirError = JSON.parse(b.body) as Record<string, unknown>;
        expect({ case: payload.name, code: ourError.error_code, message: typeof ourError.message }).toEqual({ case: payload.name, code: theirError.error_code, message: 'string' });
        if (payload.name === 'missing column') expect(ourError.message).toContain("'petal_width'");
        if (payload.name === 'wrong type') expect(ourError.message).toContain('column sepal_length');
      }
    } finally {
      await mlflow.stop();
    }
    await h.serving.remove('iris-parity');
  });

  it('serves a PythonModel saved by mlflow.pyfunc (no mlflow in the image) with params, as `mlflow models serve` does', async () => {
    const dir = savePyfuncModel(scratch);
    const version = await h.catalog.models.createVersion({ name: 'pyfunc-parity', files: { path: dir }, source: { type: 'manual', uri: dir } });
    const ours = await h.serving.serve({ model: 'pyfunc-parity', version: version.version, image: SERVE_IMAGE, name: 'pyfunc-parity' });
    const mlflow = await startMlflowServe(dir);
    try {
      const split = { columns: ['a', 'b'], data: [[1, 0.5], [2, 0.25], [-3, 7]] };
      for (const body of [{ dataframe_split: split }, { dataframe_split: split, params: { factor: 3 } }, { dataframe_records: [{ a: 1.5, b: 1 }], params: { factor: 0.5 } }, { inputs: { a: [1], b: [2] } }]) {
        const [a, b] = await Promise.all([httpCall(`${ours.url}/invocations`, 'POST', JSON.stringify(body)), httpCall(`${mlflow.url}/invocations`, 'POST', JSON.stringify(body))]);
        expect({ body, status: a.status, answer: JSON.parse(a.body) as unknown }).toEqual({ body, status: b.status, answer: JSON.parse(b.body) as unknown });
      }
      const missing = JSON.stringify({ dataframe_split: { columns: ['a'], data: [[1]] } });
      const [a, b] = await Promise.all([httpCall(`${ours.url}/invocations`, 'POST', missing), httpCall(`${mlflow.url}/invocations`, 'POST', missing)]);
      expect([a.status, (JSON.parse(a.body) as { error_code: string }).error_code]).toEqual([b.status, (JSON.parse(b.body) as { error_code: string }).error_code]);
    } finally {
      await mlflow.stop();
    }
    await h.serving.remove('pyfunc-parity');
  });

  it('follows an alias under 50 requests/s for 20 s: no request fails and answers switch to the new version', async () => {
    const v1 = await h.catalog.models.createVersion({ name: 'iris-live', files: { path: models.logistic }, source: { type: 'manual', uri: models.logistic }, aliases: ['prod'] });
    const v2 = await h.catalog.models.createVersion({ name: 'iris-live', files: { path: models.constant }, source: { type: 'manual', uri: models.constant } });
    const endpoint = await h.serving.serve({ model: 'iris-live', alias: 'prod', image: SERVE_IMAGE, name: 'iris-live' });
    expect(endpoint.version).toBe(v1.version);
    const body = JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS, data: [[5.1, 3.5, 1.4, 0.2]] } });
    const results: { at: number; status: number; version: string | null; prediction: number | null; error: string | null }[] = [];
    const started = Date.now();
    const inflight: Promise<void>[] = [];
    let moved = false;
    for (let i = 0; i < 1000; i++) {
      const due = started + i * 20;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!moved && Date.now() - started > 5000) {
        h.catalog.models.setAlias('iris-live', 'prod', v2.version);
        moved = true;
      }
      inflight.push(
        httpCall(`${endpoint.url}/invocations`, 'POST', body).then(
          (a) => {
            const answer = JSON.parse(a.body) as { predictions?: number[]; message?: string };
            results.push({ at: Date.now() - started, status: a.status, version: (a.headers['x-benchtop-model-version'] as string | undefined) ?? null, prediction: answer.predictions?.[0] ?? null, error: answer.message ?? null });
          },
          (error: Error) => {
            results.push({ at: Date.now() - started, status: 0, version: null, prediction: null, error: error.message });
          },
        ),
      );
    }
    await Promise.all(inflight);
    const failed = results.filter((r) => r.status !== 200);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(1000);
    const byTime = [...results].sort((a, b) => a.at - b.at);
    expect(byTime[0]).toMatchObject({ version: String(v1.version), prediction: 0 });
    expect(byTime.at(-1)).toMatchObject({ version: String(v2.version), prediction: 2 });
    // Once switched, it stays switched.
    const firstNew = byTime.findIndex((r) => r.version === String(v2.version));
    expect(byTime.slice(firstNew + 20).every((r) => r.version === String(v2.version))).toBe(true);
    const after = h.serving.get('iris-live');
    expect(after).toMatchObject({ state: 'running', version: v2.version });
    expect(after.stats.requests).toBeGreaterThanOrEqual(1000);
    expect(after.stats.p50Ms).toBeGreaterThan(0);
    // The old container drained and went.
    expect(containersOf('iris-live')).toHaveLength(1);
  });

  it('comes back when its container is killed, and is re-adopted by the next process on the same port', async () => {
    const endpoint = h.serving.get('iris-live');
    const body = JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS, data: [[5.1, 3.5, 1.4, 0.2]] } });
    // A crash (the server process killed from the host): the engine's restart policy brings it back.
    const pid = execFileSync('docker', ['inspect', '-f', '{{.State.Pid}}', endpoint.containerId as string], { encoding: 'utf8' }).trim();
    process.kill(Number(pid), 'SIGKILL');
    expect((await httpCall(`${endpoint.url}/invocations`, 'POST', body)).status).toBe(200);
    // `docker kill` (the engine does not restart it): the endpoint starts it again itself.
    execFileSync('docker', ['kill', endpoint.containerId as string], { stdio: 'ignore' });
    const answer = await httpCall(`${endpoint.url}/invocations`, 'POST', body);
    expect(answer.status).toBe(200);
    expect(execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', endpoint.containerId as string], { encoding: 'utf8' }).trim()).toBe('true');
    // The engine came back without restarting it (here: stopped, which its policy leaves stopped):
    // afterEngineReturn (the core's onEngineReturn hook) resolves once it answers again, message cleared.
    execFileSync('docker', ['stop', '-t', '1', endpoint.containerId as string], { stdio: 'ignore' });
    expect(await h.serving.afterEngineReturn(30_000)).toEqual(['iris-live']);
    expect(h.serving.get('iris-live')).toMatchObject({ state: 'running', message: null });
    expect((await httpCall(`${endpoint.url}/invocations`, 'POST', body)).status).toBe(200);

    // The app closes (containers keep running) and starts again: the endpoint is re-adopted.
    const serving = await h.restart();
    expect(serving.get('iris-live').state).toBe('orphaned');
    expect(await serving.adopt()).toEqual(['iris-live']);
    const adopted = serving.get('iris-live');
    expect(adopted).toMatchObject({ state: 'running', port: endpoint.port, containerId: endpoint.containerId, live: true });
    expect((await httpCall(`${endpoint.url}/invocations`, 'POST', body)).status).toBe(200);
    await serving.stop('iris-live');
    expect(containersOf('iris-live')).toEqual([]);
    expect(serving.get('iris-live').state).toBe('stopped');
  });

  it('refuses a version with no loadable flavor before starting anything, names the holder of a taken port, and removes a server that never gets healthy', async () => {
    const kerasDir = join(scratch, 'keras');
    mkdirSync(kerasDir, { recursive: true });
    writeFileSync(join(kerasDir, 'MLmodel'), 'flavors:\n  keras: {keras_version: 3.0.0, data: data}\n');
    writeFileSync(join(kerasDir, 'model.keras'), 'not really');
    await h.catalog.models.createVersion({ name: 'keras-model', files: { path: kerasDir }, source: { type: 'manual', uri: kerasDir } });
    await expect(h.serving.serve({ model: 'keras-model', image: SERVE_IMAGE, name: 'keras-model' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/no flavor Benchtop can serve \(its flavors: keras\)/) });
    expect(h.serving.endpoints.get('keras-model')).toBeNull();
    expect(containersOf('keras-model')).toEqual([]);

    await irisParity();
    const holder = createServer();
    const port = await freePort();
    await new Promise<void>((r) => holder.listen(port, '127.0.0.1', () => r()));
    try {
      await expect(h.serving.serve({ model: 'iris-parity', version: 1, image: SERVE_IMAGE, port, name: 'taken' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`Port ${port} on 127.0.0.1 is in use by process ${process.pid}`) });
      expect(containersOf('taken')).toEqual([]);
    } finally {
      holder.close();
    }

    const brokenDir = join(scratch, 'broken');
    mkdirSync(brokenDir, { recursive: true });
    writeFileSync(join(brokenDir, 'MLmodel'), 'flavors:\n  sklearn: {pickled_model: model.pkl, serialization_format: pickle}\n');
    writeFileSync(join(brokenDir, 'model.pkl'), 'this is not a pickle');
    await h.catalog.models.createVersion({ name: 'broken-model', files: { path: brokenDir }, source: { type: 'manual', uri: brokenDir } });
    await expect(h.serving.serve({ model: 'broken-model', image: SERVE_IMAGE, name: 'broken-model' })).rejects.toMatchObject({
      message: expect.stringMatching(/did not become healthy[\s\S]*the container was removed[\s\S]*the model did not load[\s\S]*UnpicklingError/),
    });
    expect(containersOf('broken-model')).toEqual([]);
    expect(h.serving.get('broken-model').state).toBe('failed');

    await expect(h.serving.serve({ model: 'iris-parity', version: 1, name: 'no-image' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('--image') });
  });

  it('exports the endpoint as a compose service docker-compose accepts and Kubernetes manifests, both pinning the image', async () => {
    await irisParity();
    const endpoint = await h.serving.serve({ model: 'iris-parity', version: 1, image: SERVE_IMAGE, name: 'iris-export' });
    const { row, plan, modelDir, serverPath } = await h.serving.servingFiles('iris-export');
    const imageId = execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', SERVE_IMAGE], { encoding: 'utf8' }).trim();
    const dir = join(scratch, 'export');
    const docker = await h.engine.client();
    const port = await freePort();
    const compose = await exportEndpoint(docker, { name: row.name, hostPort: port, config: plan.config, image: row.image as string, modelDir, serverPath }, 'compose', dir);
    const service = (parse(compose.text) as { services: Record<string, { image: string }> }).services['iris-export'];
    expect(service.image).toBe(imageId);
    expect(compose.files).toContain(join(dir, 'model', 'MLmodel'));
    execFileSync('docker-compose', ['-f', join(dir, 'compose.yaml'), 'config', '-q'], { stdio: 'pipe' });
    const project = `bt-serving-export-${process.pid}`;
    try {
      execFileSync('docker-compose', ['-p', project, '-f', join(dir, 'compose.yaml'), 'up', '-d'], { stdio: 'pipe' });
      let status = 0;
      for (let i = 0; i < 120 && status !== 200; i++) {
        status = (await httpCall(`http://127.0.0.1:${port}/ping`, 'GET', undefined, undefined, false).catch(() => ({ status: 0 }))).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe(200);
      const answer = await httpCall(`http://127.0.0.1:${port}/invocations`, 'POST', JSON.stringify({ inputs: [[5.1, 3.5, 1.4, 0.2]] }), 'application/json', false);
      expect(JSON.parse(answer.body)).toEqual({ predictions: [0] });
    } finally {
      execFileSync('docker-compose', ['-p', project, '-f', join(dir, 'compose.yaml'), 'down', '-t', '1'], { stdio: 'pipe' });
    }

    const kube = await exportEndpoint(docker, { name: row.name, hostPort: endpoint.port, config: plan.config, image: row.image as string, modelDir, serverPath }, 'kubernetes');
    const objects = parseAllDocuments(kube.text).map((d) => d.toJS() as { kind: string; spec?: { template?: { spec: { containers: { image: string }[] } } } });
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment', 'Service']);
    expect(objects[1].spec?.template?.spec.containers[0].image).toBe(imageId);
    expect(kube.notes.join(' ')).toContain('no registry digest');
    await h.serving.remove('iris-export');
  });
});
