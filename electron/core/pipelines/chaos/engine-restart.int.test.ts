import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch, LogLine } from '../../../../shared/domain/logs.ts';
import type { EnvironmentProgress } from '../../../../shared/environments/progress.ts';
import type { EnvironmentSummary } from '../../../../shared/environments/summary.ts';
import type { RunEvent } from '../../../../shared/pipeline/run-model.ts';
import type { Endpoint } from '../../../../shared/serving/endpoint.ts';
import { createCore, type Core } from '../../app.ts';
import { EngineConnection } from '../../engine/connection.ts';
import { openStore, type Store } from '../../store/database.ts';
import { PipelineService } from '../service.ts';
import { TEST_IMAGE } from '../test-support.ts';
import { imagePresent, ML_IMAGE } from '../../serving/test-support.ts';
import { createOwnEngine, loadImage, ownEngineUnavailable, type OwnEngine } from './own-engine.ts';

// Chaos 1: the engine stopped and started again while a step runs. Real dockerd — a second one of
// our own (own data root, socket, containerd), so the engine every other test uses stays up.
const unavailable = ownEngineUnavailable();
const home = mkdtempSync(join(tmpdir(), 'benchtop-chaos-engine-'));
const markers = join(home, 'markers');
let engine: OwnEngine;
let store: Store;
let connection: EngineConnection;
const events: RunEvent[] = [];

function service(waitMs: number): PipelineService {
  const pipelines = new PipelineService({
    store,
    docker: () => connection.client(),
    home,
    labels: { 'benchtop.test': '1' },
    binds: [`${markers}:/markers`],
    outage: { waitMs, reruns: 3, shutdownGraceMs: 3_000 },
  });
  pipelines.subscribe((event) => {
    events.push(event);
    if (process.env.CHAOS_DEBUG) console.log(JSON.stringify(event));
  });
  return pipelines;
}

/** a → b → c; each appends its name to /markers/<run>.log once its work is done. b runs long and leaves promptly on SIGTERM. */
function pipelineText(name: string, bSeconds: number): string {
  const append = (step: string) => `echo ${step} >> /markers/$RUN.log`;
  return `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: ${name} }
params: { run: { default: x } }
defaults: { env: { RUN: '\${params.run}' }, cache: false }
steps:
  a: { image: ${TEST_IMAGE}, command: [sh, -c, '${append('a')}'] }
  b: { image: ${TEST_IMAGE}, depends: [a], command: [sh, -c, 'trap "exit 143" TERM; sleep ${bSeconds} & wait $!; ${append('b')}'] }
  c: { image: ${TEST_IMAGE}, depends: [b], command: [sh, -c, '${append('c')}'] }
`;
}

async function untilRunning(runId: string, step: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (events.some((e) => e.type === 'step' && e.runId === runId && e.step === step && e.state === 'running')) {
      // The test (not the product) gives the container a moment to be really up before the engine goes.
      await new Promise((resolve) => setTimeout(resolve, 700));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${step} never ran`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the endpoint may take to answer again once the engine is back. */
const ENDPOINT_RETURN_LIMIT_MS = 60_000;
const mlImageMissing = unavailable ?? (imagePresent(ML_IMAGE) ? null : `${ML_IMAGE} is not on the machine's engine (scripts/provision-test-host.sh builds it)`);
const SCORING_ROWS = [
  [0.5, 1.0],
  [4.5, 0.0],
];
/** Trains and pickles a LogisticRegression in ML_IMAGE with an MLmodel (sklearn flavor, signature); prints its predictions for SCORING_ROWS. */
const TRAIN_SCRIPT = `import json, pickle, pandas as pd
from sklearn.linear_model import LogisticRegression
x = pd.DataFrame({"a": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], "b": [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]})
model = LogisticRegression().fit(x, [0, 0, 0, 1, 1, 1])
pickle.dump(model, open("/out/model.pkl", "wb"))
columns = json.dumps([{"type": "double", "name": n, "required": True} for n in x.columns])
open("/out/MLmodel", "w").write("flavors:\\n  sklearn: {pickled_model: model.pkl, serialization_format: pickle}\\nsignature:\\n  inputs: '" + columns + "'\\n")
print(json.dumps(model.predict(pd.DataFrame(${JSON.stringify(SCORING_ROWS)}, columns=["a", "b"])).tolist()))`;
const markerLines = (runId: string) => readFileSync(join(markers, `${runId}.log`), 'utf8').trim().split('\n');

describe.skipIf(unavailable !== null)('chaos: the engine restarts mid-run', () => {
  beforeAll(async () => {
    engine = createOwnEngine(join(home, 'logs'));
    await engine.start();
    loadImage(engine, TEST_IMAGE);
    mkdirSync(markers, { recursive: true });
    store = openStore(join(home, 'benchtop.db'));
    connection = new EngineConnection({ env: { ...process.env, DOCKER_HOST: engine.host } });
  }, 90_000);

  afterAll(async () => {
    connection?.close();
    store?.close();
    await engine?.dispose();
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('loses the running attempt, waits for the engine, re-runs it once (not charged to retry) and succeeds', async () => {
    const pipelines = service(120_000);
    const { runId, done } = pipelines.startRun({ text: pipelineText('chaos-restart', 5), params: { run: 'restart' } });
    await untilRunning(runId, 'b');
    const t0 = Date.now();
    await engine.stop();
    const stoppedAfter = Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await engine.start();
    const back = Date.now() - t0;
    const state = await done;
    const detail = pipelines.get(runId);
    const b = detail.steps.find((s) => s.name === 'b');
    const waiting = events.find((e) => e.type === 'run' && e.runId === runId && e.state === 'running' && e.message?.startsWith('waiting for the engine'));
    const lines = markerLines('restart');
    console.log(
      `chaos 1 (engine restart): engine down ${((back - stoppedAfter) / 1000).toFixed(1)}s (stop took ${(stoppedAfter / 1000).toFixed(1)}s); run ${state}; ` +
        `b attempts: ${b?.attempts.map((a) => `${a.attempt}=${a.state}`).join(', ')}; markers: ${lines.join(',')}; run message: ${detail.message}`,
    );
    expect(state).toBe('succeeded');
    expect(waiting?.type === 'run' && waiting.message).toMatch(/waiting for the engine since/);
    expect(b?.attempts.map((a) => a.state)).toEqual(['lost', 'succeeded']);
    expect(b?.attempts[0].reason).toMatch(/^engine outage:/);
    // Every step's work completed exactly once: a before the outage, b and c after it.
    expect(lines.sort()).toEqual(['a', 'b', 'c']);
    // b has no retry budget at all (limit 0): the outage re-run did not spend one.
    expect(events.some((e) => e.type === 'run' && e.runId === runId && e.message?.startsWith('the engine answered again'))).toBe(true);
  }, 120_000);

  it('fails the run naming the outage when the engine does not come back in time', async () => {
    const pipelines = service(3_000);
    const { runId, done } = pipelines.startRun({ text: pipelineText('chaos-gone', 5), params: { run: 'gone' } });
    await untilRunning(runId, 'b');
    await engine.stop();
    const state = await done;
    const detail = pipelines.get(runId);
    console.log(`chaos 1b (engine gone for good, limit 3s): run ${state}: ${detail.message}`);
    expect(state).toBe('failed');
    expect(detail.message).toMatch(/the engine did not come back within 3s/);
    expect(detail.steps.map((s) => s.state)).toEqual(['succeeded', 'lost', 'cancelled']);
    await engine.start();
  }, 90_000);

  it('re-adopts a container that survived the outage (live-restore) without running it again', async () => {
    await engine.stop();
    await engine.start({ liveRestore: true });
    const pipelines = service(120_000);
    const { runId, done } = pipelines.startRun({ text: pipelineText('chaos-live', 6), params: { run: 'live' } });
    await untilRunning(runId, 'b');
    await engine.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await engine.start({ liveRestore: true });
    const state = await done;
    const b = pipelines.get(runId).steps.find((s) => s.name === 'b');
    const lines = markerLines('live');
    console.log(`chaos 1c (live-restore): run ${state}; b attempts: ${b?.attempts.map((a) => `${a.attempt}=${a.state}`).join(', ')}; markers: ${lines.join(',')}`);
    expect(state).toBe('succeeded');
    expect(b?.attempts.map((a) => a.state)).toEqual(['succeeded']);
    expect(lines.sort()).toEqual(['a', 'b', 'c']);
    await engine.stop();
    await engine.start();
  }, 90_000);

  it('environments answer again and a followed container log resumes, each line once, after the engine restarts', async () => {
    // The core as the app and `benchtop web` run it (background work on), on our engine.
    const coreHome = join(home, 'core');
    mkdirSync(coreHome, { recursive: true });
    const core: Core = await createCore({ transport: 'cli', home: coreHome, env: { ...process.env, DOCKER_HOST: engine.host, BENCHTOP_TEST_TEMPLATES: '1' } });
    const counter = `bt-chaos-count-${Date.now().toString(36)}`;
    try {
      core.startBackgroundWork();
      const folder = join(home, 'env-project');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'index.html'), '<h1>chaos env</h1>\n');
      const progress: EnvironmentProgress[] = [];
      const upFailure = await new Promise<unknown>((resolve) =>
        core.dispatcher.open('environments.up', { folder, template: 'test-busybox-http' }, { next: (v) => progress.push(v as EnvironmentProgress), end: resolve }),
      );
      expect(upFailure).toBeUndefined();
      const ready = progress.find((e) => e.type === 'ready');
      const envId = ready?.type === 'ready' ? ready.environment.id : '';
      const appUrl = async () => {
        const list = await core.dispatcher.invoke('environments.list', {});
        const env = list.ok ? (list.value as EnvironmentSummary[]).find((e) => e.id === envId) : undefined;
        return env?.app?.url?.replace('localhost', '127.0.0.1') ?? null;
      };
      const answers = async () => {
        const url = await appUrl();
        if (!url) return false;
        return fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text().then((t) => r.ok && t.includes('chaos env')), () => false);
      };
      expect(await answers()).toBe(true);

      // A container with the environments' restart policy printing numbered lines, its count kept on the host. The count
      // is replaced by a rename: the engine's stop kills the loop at any point, and a kill between `>`'s truncate and its
      // write left an empty count, so the numbers started again at 1 (seen once in CI).
      engine.docker(['run', '-d', '--name', counter, '--restart', 'unless-stopped', '--label', 'benchtop.test=1', '-v', `${markers}:/m`, TEST_IMAGE, 'sh', '-c',
        'i=$(cat /m/count 2>/dev/null || echo 0); while true; do i=$((i+1)); echo $i > /m/count.next && mv /m/count.next /m/count; echo "<n$i>"; sleep 0.1; done']);
      const followed: LogLine[] = [];
      let followEnd: unknown = 'open';
      const follow = core.dispatcher.open('containers.logs', { id: counter, tail: 'all', follow: true, timestamps: true }, { next: (v) => followed.push(...(v as LogBatch).lines), end: (error) => (followEnd = error) });
      for (let i = 0; i < 100 && followed.length < 20; i++) await sleep(100);

      const t0 = Date.now();
      await engine.stop();
      const linesAtStop = followed.length;
      await sleep(2_000);
      await engine.start();
      const back = Date.now();
      let envAgainMs = -1;
      for (let i = 0; i < 120; i++) {
        if (await answers()) {
          envAgainMs = Date.now() - back;
          break;
        }
        await sleep(250);
      }
      for (let i = 0; i < 150 && followed.length < linesAtStop + 30; i++) await sleep(100);
      follow.close();
      await sleep(300);

      // The whole log as the engine has it now: what was followed must be its beginning, line for line.
      const whole: LogLine[] = [];
      await new Promise((resolve) => core.dispatcher.open('containers.logs', { id: counter, tail: 'all', follow: false, timestamps: true }, { next: (v) => whole.push(...(v as LogBatch).lines), end: resolve }));
      const key = (line: LogLine) => `${line.ts} ${line.text}`;
      const texts = followed.map((l) => l.text);
      console.log(
        `chaos 1d (engine restart, environment and followed log): engine down ${((back - t0) / 1000).toFixed(1)}s; environment app ${envAgainMs < 0 ? 'never answered again' : `answered again ${(envAgainMs / 1000).toFixed(1)}s after the engine`}; ` +
          `followed log ${linesAtStop} lines before the stop, ${followed.length} after (${new Set(followed.map(key)).size} distinct, ${whole.length} in the engine's log), stream still open: ${followEnd === 'open'}`,
      );
      expect(envAgainMs).toBeGreaterThanOrEqual(0);
      expect(followEnd).toBe('open');
      expect(followed.length).toBeGreaterThan(linesAtStop + 10);
      expect(followed.map(key)).toEqual(whole.slice(0, followed.length).map(key));
      // The count went on after the restart (kept on the host), so the numbers run on in order, none twice. The engine's
      // stop kills the loop anywhere, also between saving a number and printing it: that number is then missing from
      // the engine's own log (seen once in CI, where followed = whole still held), so one gap of one number is allowed.
      const numbers = texts.map((t) => Number(/<n(\d+)>/.exec(t)?.[1]));
      const steps = numbers.slice(1).map((n, i) => n - numbers[i]);
      expect(numbers[0]).toBe(1);
      expect(steps.every((step) => step === 1 || step === 2)).toBe(true);
      expect(steps.filter((step) => step === 2).length).toBeLessThanOrEqual(1);
      const gap = steps.indexOf(2);
      if (gap >= 0) expect(Date.parse(followed[gap + 1].ts ?? '')).toBeGreaterThanOrEqual(t0);
    } finally {
      try {
        engine.docker(['rm', '-f', counter]);
      } catch {
        // never started
      }
      for (const id of engine.docker(['ps', '-aq', '--filter', 'label=devcontainer.local_folder']).split('\n').filter(Boolean)) engine.docker(['rm', '-f', id]);
      await core.close();
    }
  }, 150_000);

  // 1e: a model endpoint. Its container has the restart policy `unless-stopped`, so the engine starts
  // it again; the endpoint's port is the core's proxy, which must reach the new server process.
  it.skipIf(mlImageMissing !== null)('a model endpoint answers scoring requests again on the same port after the engine restarts', async () => {
    const loadSeconds = loadImage(engine, ML_IMAGE);
    const coreHome = join(home, 'serving-core');
    const modelDir = join(home, 'chaos-model');
    mkdirSync(modelDir, { recursive: true });
    // The cheapest real model: a LogisticRegression trained and pickled in the image that serves it.
    const reference = JSON.parse(
      engine.docker(['run', '--rm', '--network', 'none', '--label', 'benchtop.test=1', '-v', `${modelDir}:/out`, ML_IMAGE, 'python3', '-c', TRAIN_SCRIPT]).trim().split('\n').pop() as string,
    ) as number[];
    const core: Core = await createCore({ transport: 'cli', home: coreHome, env: { ...process.env, DOCKER_HOST: engine.host } });
    const call = async (method: string, input: unknown) => {
      const answer = await core.dispatcher.invoke(method, input);
      if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
      return answer.value;
    };
    try {
      core.startBackgroundWork();
      await call('models.register', { name: 'chaos-model', path: modelDir });
      const served = (await call('endpoints.serve', { model: 'chaos-model', version: 1, image: ML_IMAGE, name: 'chaos-ep' })) as Endpoint;
      const score = async (timeoutMs: number) => {
        const response = await fetch(`${served.url}/invocations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ dataframe_split: { columns: ['a', 'b'], data: SCORING_ROWS } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return { status: response.status, body: await response.text() };
      };
      const before = await score(30_000);
      expect(before.status).toBe(200);
      expect(JSON.parse(before.body)).toEqual({ predictions: reference });

      // What the endpoint says while the engine is away (the user's Endpoints page), every 300 ms.
      const messages = new Set<string>();
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const endpoint = (await call('endpoints.get', { name: 'chaos-ep', captures: 0 })) as Endpoint;
          messages.add(`${endpoint.state}: ${endpoint.message ?? '-'}`);
          await sleep(300);
        }
      })();
      const t0 = Date.now();
      await engine.stop();
      const stopSeconds = (Date.now() - t0) / 1000;
      // A request sent while the engine is down: the proxy holds it (retrying the server's socket for up to 30 s).
      const sentAt = Date.now();
      const inOutage = score(60_000).then(
        (answer) => ({ ...answer, afterMs: Date.now() - sentAt }),
        (error: unknown) => ({ status: 0, body: String(error), afterMs: Date.now() - sentAt }),
      );
      await sleep(3_000);
      await engine.start();
      const back = Date.now();
      let againMs = -1;
      let last = '';
      while (Date.now() - back < ENDPOINT_RETURN_LIMIT_MS) {
        const answer = await score(5_000).catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (answer.status === 200 && JSON.stringify(JSON.parse(answer.body)) === JSON.stringify({ predictions: reference })) {
          againMs = Date.now() - back;
          break;
        }
        last = `${answer.status} ${answer.body.slice(0, 200)}`;
        await sleep(250);
      }
      const held = await inOutage;
      // The endpoint's row says running again, with nothing left from the outage.
      let after = (await call('endpoints.get', { name: 'chaos-ep', captures: 0 })) as Endpoint;
      while ((after.state !== 'running' || after.message !== null) && Date.now() - back < ENDPOINT_RETURN_LIMIT_MS) {
        await sleep(250);
        after = (await call('endpoints.get', { name: 'chaos-ep', captures: 0 })) as Endpoint;
      }
      const clearMs = Date.now() - back;
      watching = false;
      await watch;
      console.log(
        `chaos 1e (engine restart, model endpoint): python-ml image loaded into the own engine in ${loadSeconds.toFixed(1)}s (0 = already there); ` +
          `engine down ${((back - t0) / 1000).toFixed(1)}s (stop took ${stopSeconds.toFixed(1)}s); a request sent while it was down answered ${held.status} after ${(held.afterMs / 1000).toFixed(1)}s; endpoint ${served.url} ${againMs < 0 ? `did not answer again within ${ENDPOINT_RETURN_LIMIT_MS / 1000}s (last: ${last})` : `answered a scoring request again ${(againMs / 1000).toFixed(1)}s after the engine`}; ` +
          `state ${after.state} ${after.message === null ? `with no message ${(clearMs / 1000).toFixed(1)}s after the engine` : `still saying: ${after.message}`}, container ${after.containerId === served.containerId ? 'the same (restarted by its policy)' : 'a new one'}; ` +
          `shown meanwhile: ${[...messages].join(' | ')}`,
      );
      expect(againMs).toBeGreaterThanOrEqual(0);
      expect(held.status).toBe(200);
      expect(JSON.parse(held.body)).toEqual({ predictions: reference });
      expect(after).toMatchObject({ state: 'running', message: null, port: served.port });
      // While the engine was away the endpoint said so, and did not take the outage for a removed container.
      expect([...messages].some((m) => m.includes('The engine is not answering'))).toBe(true);
      expect([...messages].filter((m) => /container removed|could not be started again/.test(m))).toEqual([]);
      // Exactly one endpoint container: none leaked by a restart attempt made while the engine was away.
      expect(engine.docker(['ps', '-aq', '--filter', 'label=benchtop.endpoint=chaos-ep']).split('\n').filter(Boolean)).toHaveLength(1);
    } finally {
      await core.dispatcher.invoke('endpoints.remove', { name: 'chaos-ep' }).catch(() => undefined);
      for (const id of engine.docker(['ps', '-aq', '--filter', 'label=benchtop.endpoint']).split('\n').filter(Boolean)) engine.docker(['rm', '-f', id]);
      await core.close();
    }
  }, 240_000);
});
