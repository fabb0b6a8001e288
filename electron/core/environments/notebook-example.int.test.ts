import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The example notebook (resources/examples/notebook-to-endpoint/train.ipynb) executed top to bottom
 * in benchtop-test/jupyterlab with MLFLOW_TRACKING_URI pointing at the real MLflow server (the
 * pinned test peer in .venv-peers): it logs the per-epoch curve, params and metrics, and registers
 * breast-cancer, which the real MLflow client then loads and predicts with. Benchtop's own tracking
 * endpoint (another branch) must pass the same test once merged: point the URI at it instead.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const python = join(repo, '.venv-peers', 'bin', 'python');
const IMAGE = 'benchtop-test/jupyterlab';
const hasImage = (() => {
  try {
    execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const ready = hasImage && existsSync(python);
if (!ready) console.warn(`notebook example: needs ${IMAGE} and .venv-peers (scripts/provision-test-host.sh); skipped`);

const root = mkdtempSync(join(tmpdir(), 'benchtop-notebook-example-'));
let server: ChildProcess | null = null;
let uri = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  if (!ready) return;
  const port = await freePort();
  uri = `http://127.0.0.1:${port}`;
  server = spawn(join(repo, '.venv-peers', 'bin', 'mlflow'), ['server', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--backend-store-uri', `sqlite:///${root}/mlflow.db`, '--artifacts-destination', join(root, 'artifacts')], { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 260; i++) {
    const up = await fetch(`${uri}/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the MLflow server did not answer within 130 s');
}, 150_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(root, { recursive: true, force: true });
});

describe('the notebook-to-endpoint example notebook', () => {
  it.skipIf(!ready)('runs every cell, logs the curve and registers breast-cancer in a real MLflow server', { timeout: 360_000 }, async () => {
    const project = join(root, 'project');
    cpSync(fileURLToPath(new URL('../../../resources/examples/notebook-to-endpoint/', import.meta.url)), project, { recursive: true });
    execFileSync(
      'docker',
      ['run', '--rm', '--name', `benchtop-notebook-example-${Date.now().toString(36)}`, '--label', 'benchtop.test=notebook-example', '--network', 'host', '-e', `MLFLOW_TRACKING_URI=${uri}`, '-e', 'GIT_PYTHON_REFRESH=quiet', '-v', `${project}:/workspace`, '-w', '/workspace', IMAGE,
        'jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--output', 'executed.ipynb', 'train.ipynb'],
      { stdio: 'pipe', timeout: 300_000 },
    );
    const executed = JSON.parse(readFileSync(join(project, 'executed.ipynb'), 'utf8')) as { cells: { outputs?: { output_type: string; text?: string[] }[] }[] };
    const text = executed.cells.flatMap((cell) => cell.outputs ?? []).map((o) => (o.text ?? []).join('')).join('');
    expect(text).toContain(`logging to ${uri}`);
    expect(text).toContain("Successfully registered model 'breast-cancer'");
    expect(text).toContain('notebook finished');
    expect(executed.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.output_type === 'error')).toEqual([]);

    const check = execFileSync(
      python,
      [
        '-c',
        `import json, mlflow, pandas as pd
from mlflow import MlflowClient
mlflow.set_tracking_uri("${uri}")
client = MlflowClient()
run = mlflow.search_runs(experiment_names=["notebook-to-endpoint"], output_format="list")[0]
versions = client.search_model_versions("name='breast-cancer'")
model = mlflow.pyfunc.load_model("models:/breast-cancer/1")
rows = pd.read_csv("${project}/data/reference.csv").head(5)
print(json.dumps({"curve": len(client.get_metric_history(run.info.run_id, "val_loss")), "params": run.data.params, "auc": run.data.metrics["auc"], "versions": [v.version for v in versions], "run_of_version": versions[0].run_id == run.info.run_id, "predictions": [int(p) for p in model.predict(rows)], "model_val_loss": [m.value for m in client.get_logged_model(run.outputs.model_outputs[0].model_id).metrics if m.key == "val_loss"], "last_val_loss": run.data.metrics["val_loss"]}))`,
      ],
      { encoding: 'utf8', env: { ...process.env, GIT_PYTHON_REFRESH: 'quiet', MLFLOW_TRACKING_URI: uri } },
    );
    const result = JSON.parse(check.trim().split('\n').at(-1) ?? '{}') as { curve: number; params: Record<string, string>; auc: number; versions: string[]; run_of_version: boolean; predictions: number[]; model_val_loss: number[]; last_val_loss: number };
    expect(result.curve).toBe(20);
    expect(result.params).toEqual({ epochs: '20', alpha: '0.001', test_size: '0.25' });
    expect(result.auc).toBeGreaterThan(0.95);
    expect(result.versions).toEqual(['1']);
    expect(result.run_of_version).toBe(true);
    expect(result.predictions).toHaveLength(5);
    // MLflow links to the logged model the metrics of the step it was logged at: the last epoch's.
    expect(result.model_val_loss).toEqual([result.last_val_loss]);
  });
});
