/**
 * Scoring latency through Benchtop's endpoint (the loopback proxy, then the scoring server in its
 * container over a Unix socket) against `mlflow models serve --env-manager local` (the real mlflow
 * from .venv-peers, uvicorn + FastAPI) serving the same model in the same run: an iris
 * LogisticRegression saved by mlflow.sklearn.save_model. POST /invocations with dataframe_split,
 * 1 row and 100 rows, over kept-alive connections, one request at a time, the two servers
 * interleaved in blocks so they share the machine's load. Needs the images benchtop-test/python-ml
 * and benchtop-test/python-serve (scripts/build-wheels-image.sh python-serve) and .venv-peers.
 * Prints p50/p95 per size and server, then `serve: ratio=R target<=0.5` with R = Benchtop p50 /
 * MLflow p50, the worse of the two sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from '../electron/core/serving/latency-window.ts';
import { createServingHarness, httpCall, imagePresent, IRIS_COLUMNS, peersPresent, saveIrisModels, SERVE_IMAGE, startMlflowServe } from '../electron/core/serving/test-support.ts';

const SAMPLES = Number(process.env.BENCH_SERVE_SAMPLES ?? 300);
const BLOCK = 25;
const WARMUP = 40;

if (!peersPresent || !imagePresent(SERVE_IMAGE)) {
  console.error(`bench serve needs .venv-peers (scripts/install-test-peers.sh) and ${SERVE_IMAGE} (scripts/build-wheels-image.sh python-serve)`);
  process.exit(1);
}

const base = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
  [5.9, 3.0, 4.2, 1.5],
  [6.3, 2.9, 5.6, 1.8],
];
const body = (rows: number) => JSON.stringify({ dataframe_split: { columns: IRIS_COLUMNS, data: Array.from({ length: rows }, (_, i) => base[i % base.length]) } });

async function time(url: string, payload: string): Promise<number> {
  const started = performance.now();
  const answer = await httpCall(`${url}/invocations`, 'POST', payload);
  const elapsed = performance.now() - started;
  if (answer.status !== 200) throw new Error(`${url}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
  return elapsed;
}

const scratch = mkdtempSync(join(tmpdir(), 'benchtop-bench-serve-'));
const harness = createServingHarness();
const models = saveIrisModels(scratch);
await harness.catalog.models.createVersion({ name: 'bench-iris', files: { path: models.logistic }, source: { type: 'manual', uri: models.logistic } });
const endpoint = await harness.serving.serve({ model: 'bench-iris', version: 1, image: SERVE_IMAGE, name: 'bench-iris' });
const mlflow = await startMlflowServe(models.logistic);
const servers = [
  { name: 'benchtop', url: endpoint.url },
  { name: 'mlflow', url: mlflow.url },
];
const ratios: number[] = [];
try {
  for (const rows of [1, 100]) {
    const payload = body(rows);
    const samples: Record<string, number[]> = { benchtop: [], mlflow: [] };
    for (const server of servers) for (let i = 0; i < WARMUP; i++) await time(server.url, payload);
    while (samples.benchtop.length < SAMPLES) {
      for (const server of servers) for (let i = 0; i < BLOCK; i++) samples[server.name].push(await time(server.url, payload));
    }
    const stats = Object.fromEntries(
      Object.entries(samples).map(([name, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [name, { p50: percentile(sorted, 0.5) as number, p95: percentile(sorted, 0.95) as number }];
      }),
    );
    for (const name of ['benchtop', 'mlflow']) console.log(`${rows} row${rows === 1 ? '' : 's'} ${name.padEnd(8)} p50 ${stats[name].p50.toFixed(2)} ms  p95 ${stats[name].p95.toFixed(2)} ms  (${samples[name].length} requests)`);
    ratios.push(stats.benchtop.p50 / stats.mlflow.p50);
  }
} finally {
  await mlflow.stop();
  await harness.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`serve: ratio=${Math.max(...ratios).toFixed(2)} target<=0.5`);
