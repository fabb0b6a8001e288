import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, httpCall, imagePresent, ML_IMAGE } from '../../core/serving/test-support.ts';
import { runCliCaptured } from './test-support.ts';

// The whole CLI on the real engine: `benchtop serve` in the foreground like `mlflow models serve`.
const present = imagePresent(ML_IMAGE);
const home = mkdtempSync(join(tmpdir(), 'bt-cli-serve-'));
const env = { ...process.env, BENCHTOP_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

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
  execFileSync('docker', ['run', '--rm', '--network', 'none', '--label', 'benchtop.test=1', '-v', `${dir}:/out`, ML_IMAGE, 'sh', '-c', `python3 -c '${script.replaceAll("'", "'\\''")}' && chmod -R a+rwX /out`]);
}

describe.skipIf(!present)('benchtop serve and benchtop endpoints', { timeout: 300_000 }, () => {
  it('serves in the foreground, prints the URL once healthy, lists it, and Ctrl-C stops and removes it', async () => {
    const dir = join(home, 'iris-model');
    mkdirSync(dir);
    trainIris(dir);
    expect((await runCliCaptured(['models', 'register', 'cli-iris', dir], env)).code).toBe(0);

    const port = await freePort();
    const controller = new AbortController();
    const serving = runCliCaptured(['serve', 'cli-iris:1', '--image', ML_IMAGE, '--port', String(port), '--name', 'cli-iris'], env, controller.signal);
    const url = `http://127.0.0.1:${port}`;
    let status = 0;
    for (let i = 0; i < 600 && status !== 200; i++) {
      status = (await httpCall(`${url}/ping`, 'GET', undefined, undefined, false).catch(() => ({ status: 0 }))).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    const answer = await httpCall(`${url}/invocations`, 'POST', JSON.stringify({ inputs: [[6.7, 3.0, 5.2, 2.3]] }), 'application/json', false);
    expect(JSON.parse(answer.body)).toEqual({ predictions: [2] });

    const listed = await runCliCaptured(['endpoints', 'ls', '--json'], env);
    expect(JSON.parse(listed.out)).toMatchObject([{ name: 'cli-iris', state: 'running', model: 'cli-iris', version: 1, url }]);
    const table = await runCliCaptured(['endpoints', 'ls'], env);
    expect(table.out).toMatch(/cli-iris\s+running\s+cli-iris\s+v1\s+http:\/\/127\.0\.0\.1:\d+/);
    expect((await runCliCaptured(['endpoints', 'logs', 'cli-iris'], env)).out).toContain('benchtop-serve: listening');

    controller.abort();
    const done = await serving;
    expect(done.code).toBe(0);
    expect(done.out).toContain(`Serving cli-iris v1 at ${url} (endpoint cli-iris)`);
    expect(done.out).toContain('Stopped cli-iris.');
    expect(execFileSync('docker', ['ps', '-aq', '--filter', 'label=benchtop.endpoint=cli-iris'], { encoding: 'utf8' }).trim()).toBe('');
    expect((await runCliCaptured(['endpoints', 'rm', 'cli-iris'], env)).code).toBe(0);
  });

  it('stops when `benchtop endpoints stop` runs beside it (a second core on the same home, as another process would be): the proxy closes, the foreground command ends', async () => {
    const port = await freePort();
    const serving = runCliCaptured(['serve', 'cli-iris:1', '--image', ML_IMAGE, '--port', String(port), '--name', 'cli-iris-2'], env);
    let status = 0;
    for (let i = 0; i < 600 && status !== 200; i++) {
      status = (await httpCall(`http://127.0.0.1:${port}/ping`, 'GET', undefined, undefined, false).catch(() => ({ status: 0 }))).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect((await runCliCaptured(['endpoints', 'stop', 'cli-iris-2'], env)).out).toBe('Stopped cli-iris-2.\n');
    const done = await serving;
    expect(done).toMatchObject({ code: 0, out: expect.stringContaining('The endpoint was stopped elsewhere.') });
    await expect(httpCall(`http://127.0.0.1:${port}/ping`, 'GET', undefined, undefined, false)).rejects.toThrow();
    expect((await runCliCaptured(['endpoints', 'ls', '--json'], env)).out).toContain('"state": "stopped"');
    await runCliCaptured(['endpoints', 'rm', 'cli-iris-2'], env);
  });

  it('refuses a version it cannot load, with the reason (exit 2)', async () => {
    const dir = join(home, 'onnx-model');
    mkdirSync(dir);
    writeFileSync(join(dir, 'MLmodel'), 'flavors:\n  onnx: {data: model.onnx}\n');
    writeFileSync(join(dir, 'model.onnx'), 'x');
    expect((await runCliCaptured(['models', 'register', 'cli-onnx', dir], env)).code).toBe(0);
    const refused = await runCliCaptured(['serve', 'cli-onnx', '--image', ML_IMAGE], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('cli-onnx v1 has no flavor Benchtop can serve (its flavors: onnx)');
  });
});
