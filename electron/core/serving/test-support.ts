import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CatalogService } from '../catalog/service.ts';
import { EngineConnection } from '../engine/connection.ts';
import { openStore, type Store } from '../store/database.ts';
import { ServingService, type ServingServiceOptions } from './serving-service.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
export const PEERS_PYTHON = join(REPO, '.venv-peers/bin/python');
/** Built by scripts/build-wheels-image.sh python-serve: the peers' scikit-learn stack, so a model saved by the real mlflow loads. */
export const SERVE_IMAGE = 'benchtop-test/python-serve';
export const ML_IMAGE = 'benchtop-test/python-ml';
export const IRIS_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

export function imagePresent(image: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const peersPresent = existsSync(PEERS_PYTHON);

/** A serving service on the real engine with its own home; containers carry benchtop.test=1. */
export interface ServingHarness {
  home: string;
  store: Store;
  engine: EngineConnection;
  catalog: CatalogService;
  serving: ServingService;
  /** A new ServingService on the same home (an app restart), replacing `serving`. */
  restart(): Promise<ServingService>;
  close(): Promise<void>;
}

export function createServingHarness(options: Partial<ServingServiceOptions> = {}): ServingHarness {
  const home = mkdtempSync(join(tmpdir(), 'bt-serving-'));
  const store = openStore(join(home, 'benchtop.db'));
  const engine = new EngineConnection({ env: process.env });
  const catalog = new CatalogService(store, home);
  const make = () => new ServingService({ store, catalog, docker: () => engine.client(), home, labels: { 'benchtop.test': '1' }, followIntervalMs: 250, healthTimeoutMs: 90_000, ...options });
  const harness: ServingHarness = {
    home,
    store,
    engine,
    catalog,
    serving: make(),
    async restart() {
      await harness.serving.close();
      harness.serving = make();
      return harness.serving;
    },
    async close() {
      for (const endpoint of harness.serving.list()) await harness.serving.remove(endpoint.name).catch(() => undefined);
      await harness.serving.close();
      engine.close();
      store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Saves iris classifiers with the REAL mlflow from .venv-peers (mlflow.sklearn.save_model, the
 * cloudpickle format, a signature inferred from the frame): `logistic` (LogisticRegression) and
 * `constant` (always class 2, to tell versions apart). Returns their folders.
 */
export function saveIrisModels(dir: string): { logistic: string; constant: string } {
  const script = join(dir, 'save_models.py');
  writeFileSync(
    script,
    `import sys, warnings
warnings.filterwarnings("ignore")
import mlflow
from mlflow.models import infer_signature
from sklearn.datasets import load_iris
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
x, y = load_iris(return_X_y=True, as_frame=True)
x.columns = ${JSON.stringify(IRIS_COLUMNS)}
for name, model in [("logistic", LogisticRegression(max_iter=500)), ("constant", DummyClassifier(strategy="constant", constant=2))]:
    model.fit(x, y)
    mlflow.sklearn.save_model(model, sys.argv[1] + "/" + name, signature=infer_signature(x, model.predict(x)), serialization_format="cloudpickle")
`,
  );
  execFileSync(PEERS_PYTHON, [script, dir], { stdio: 'pipe', env: { ...process.env, MLFLOW_TRACKING_URI: `file://${dir}/mlruns` } });
  return { logistic: join(dir, 'logistic'), constant: join(dir, 'constant') };
}

/**
 * A pure-Python pyfunc model saved by the REAL mlflow (mlflow.pyfunc.save_model with a PythonModel,
 * pickled by cloudpickle, signature with a `factor` param defaulting to 2): predicts a * factor + b.
 */
export function savePyfuncModel(dir: string): string {
  const script = join(dir, 'save_pyfunc.py');
  writeFileSync(
    script,
    `import sys, warnings
warnings.filterwarnings("ignore")
import mlflow, pandas as pd
from mlflow.models import infer_signature
class Scaled(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        factor = (params or {}).get("factor", 2.0)
        return (model_input["a"] * factor + model_input["b"]).tolist()
x = pd.DataFrame({"a": [1.0, 2.0], "b": [0.5, 0.25]})
mlflow.pyfunc.save_model(sys.argv[1], python_model=Scaled(), signature=infer_signature(x, [2.5, 4.25], params={"factor": 2.0}))
`,
  );
  const target = join(dir, 'pyfunc');
  execFileSync(PEERS_PYTHON, [script, target], { stdio: 'pipe', env: { ...process.env, MLFLOW_TRACKING_URI: `file://${dir}/mlruns` } });
  return target;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** `mlflow models serve --env-manager local` from .venv-peers on a free loopback port, once it answers /ping. */
export async function startMlflowServe(modelDir: string): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const bin = join(REPO, '.venv-peers/bin');
  const child = spawn(join(bin, 'mlflow'), ['models', 'serve', '-m', modelDir, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(port), '--workers', '1'], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, MLFLOW_TRACKING_URI: `file://${modelDir}/../mlruns` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await httpCall(`${url}/ping`, 'GET').catch(() => null);
    if (answer?.status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`mlflow models serve did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      // uvicorn runs as a child of mlflow's process: end the group this test started.
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

export function httpCall(
  url: string,
  method: 'GET' | 'POST',
  body?: string,
  contentType = 'application/json',
  agent: Agent | false = keepAlive,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolveCall, reject) => {
    const req = request(url, { method, agent, headers: body !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveCall({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The same rows in the five request forms MLflow accepts. */
export function payloads(columns: string[], rows: number[][]): { name: string; body: string; contentType: string }[] {
  const records = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  const byColumn = Object.fromEntries(columns.map((c, i) => [c, rows.map((row) => row[i])]));
  return [
    { name: 'dataframe_split', body: JSON.stringify({ dataframe_split: { columns, data: rows } }), contentType: 'application/json' },
    { name: 'dataframe_records', body: JSON.stringify({ dataframe_records: records }), contentType: 'application/json' },
    { name: 'instances', body: JSON.stringify({ instances: records }), contentType: 'application/json' },
    { name: 'inputs', body: JSON.stringify({ inputs: byColumn }), contentType: 'application/json' },
    { name: 'csv', body: [columns.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n', contentType: 'text/csv' },
  ];
}
