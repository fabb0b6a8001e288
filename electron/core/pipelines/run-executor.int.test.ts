import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { containersOfRun, createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// Against the real engine with benchtop-test/busybox steps; each test has its own pipeline name.
const harness = createPipelineHarness();
afterAll(() => harness.close());
const { service } = harness;

async function run(text: string, params: Record<string, string> = {}, useCache = false) {
  const started = service.startRun({ text, params, useCache });
  const state = await started.done;
  return { state, detail: service.get(started.runId) };
}

const stepOf = (detail: ReturnType<typeof service.get>, name: string) => {
  const step = detail.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
};

// Containers start slowly on a loaded 2-core test host: each test gets two minutes.
describe.concurrent('run executor on the real engine', { timeout: 120_000 }, () => {
  it('runs a DAG: params and upstream output params substituted, artifacts passed read-only, metrics and logs kept', async () => {
    const { state, detail } = await run(
      pipeline(
        'it-flow',
        `params:
  greeting: { default: hello }
steps:
  pull:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['mkdir -p /tmp; echo "\${params.greeting} world" > /data/raw.txt; echo 42 > /tmp/rows; echo "pulled"']
    outputs:
      artifacts: { raw: { path: /data } }
      params: { rows: { path: /tmp/rows } }
  train:
    image: ${TEST_IMAGE}
    depends: [pull]
    command: [sh, -c]
    args: ['mkdir -p /tmp; cat /in/raw.txt; echo rows=\${steps.pull.outputs.params.rows}; (echo x > /in/new) 2>/dev/null && echo writable || echo read-only; echo "{\\"auc\\": 0.91, \\"loss\\": 0.2}" > /tmp/m.json']
    env: { ROWS: '\${steps.pull.outputs.params.rows}' }
    inputs:
      artifacts: { raw: { from: steps.pull.outputs.artifacts.raw, path: /in } }
    outputs:
      metrics: { path: /tmp/m.json }
`,
      ),
    );
    expect(detail.steps.map((s) => [s.state, s.message])).toEqual([['succeeded', null], ['succeeded', null]]);
    expect(state).toBe('succeeded');
    const pull = stepOf(detail, 'pull');
    expect(pull.outputs).toEqual({ rows: '42' });
    expect(pull.artifacts).toEqual([{ name: 'raw', path: expect.stringContaining('/artifacts/raw'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 12 }]);
    expect(readFileSync(`${pull.artifacts[0].path}/raw.txt`, 'utf8')).toBe('hello world\n');
    const train = stepOf(detail, 'train');
    expect(train.metrics).toEqual({ auc: 0.91, loss: 0.2 });
    expect(readFileSync(train.attempts[0].logPath, 'utf8')).toBe('hello world\nrows=42\nread-only\n');
    expect(train.attempts[0]).toMatchObject({ state: 'succeeded', exitCode: 0, oomKilled: false });
    expect(pull.imageDigest).toMatch(/^sha256:/);
    expect(containersOfRun(detail.id)).toEqual([]);
  });

  it('fails a step on a non-zero exit, keeps independent branches running, and applies every trigger rule and when', async () => {
    const step = (extra: string, command = 'true') => `    image: ${TEST_IMAGE}\n    command: [sh, -c, '${command}']\n${extra}`;
    const { state, detail } = await run(
      pipeline(
        'it-triggers',
        `params:
  go: { type: bool, default: false }
steps:
  bad:
${step('', 'echo boom >&2; exit 3')}
  good:
${step('')}
  after-all-success:
${step('    depends: [bad, good]\n')}
  after-all-done:
${step('    depends: [bad, good]\n    trigger: all_done\n')}
  after-one-success:
${step('    depends: [bad, good]\n    trigger: all_done_min_one_success\n')}
  after-none-failed:
${step('    depends: [bad, good]\n    trigger: none_failed\n')}
  gated:
${step('    when: "${params.go} == true"\n')}
  after-gated:
${step('    depends: [gated, good]\n    trigger: none_failed\n')}
  after-gated-strict:
${step('    depends: [gated]\n')}
`,
      ),
    );
    const states = Object.fromEntries(detail.steps.map((s) => [s.name, s.state]));
    expect(states).toEqual({
      bad: 'failed',
      good: 'succeeded',
      'after-all-success': 'upstream_failed',
      'after-all-done': 'succeeded',
      'after-one-success': 'succeeded',
      'after-none-failed': 'upstream_failed',
      gated: 'skipped',
      'after-gated': 'succeeded',
      'after-gated-strict': 'skipped',
    });
    expect(stepOf(detail, 'bad').message).toBe('exit code 3');
    expect(readFileSync(stepOf(detail, 'bad').attempts[0].logPath, 'utf8')).toBe('boom\n');
    expect(state).toBe('failed');
  });

  it('retries by policy with exponential backoff', async () => {
    const { state, detail } = await run(
      pipeline(
        'it-retry',
        `steps:
  flaky:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'exit 1']
    retry: { limit: 2, policy: OnFailure, backoff: { duration: 300ms, factor: 2 } }
  errors-only:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'exit 1']
    retry: { limit: 2, policy: OnError }
`,
      ),
    );
    expect(state).toBe('failed');
    const flaky = stepOf(detail, 'flaky');
    expect(flaky.attempts.map((a) => a.state)).toEqual(['failed', 'failed', 'failed']);
    const gaps = flaky.attempts.slice(1).map((a, i) => Date.parse(a.startedAt ?? '') - Date.parse(flaky.attempts[i].finishedAt ?? ''));
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
    expect(harness.events.filter((e) => e.type === 'step' && e.runId === detail.id && e.step === 'flaky' && e.state === 'retrying')).toHaveLength(2);
    expect(stepOf(detail, 'errors-only').attempts).toHaveLength(1);
  });

  it('kills a step at its timeout and names an OOM kill', async () => {
    const started = Date.now();
    const { detail } = await run(
      pipeline(
        'it-limits',
        `steps:
  slow:
    image: ${TEST_IMAGE}
    command: [sleep, '60']
    timeout: 1s
  hungry:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'head -c 200m /dev/zero | tail']
    resources: { memory: 32m }
`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stepOf(detail, 'slow')).toMatchObject({ state: 'failed', message: 'timed out after 1s and was killed' });
    const hungry = stepOf(detail, 'hungry');
    expect(hungry.state).toBe('failed');
    expect(hungry.attempts[0].oomKilled).toBe(true);
    expect(hungry.message).toBe('killed: out of memory (limit 32 MiB); raise resources.memory or use less');
  });

  it('cancels a run: running containers stop, steps not started are cancelled', async () => {
    const started = service.startRun({
      text: pipeline('it-cancel', `steps:\n  long:\n    image: ${TEST_IMAGE}\n    command: [sleep, '60']\n  next:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    depends: [long]\n`),
      useCache: false,
    });
    await new Promise<void>((resolve) => {
      const stop = service.subscribe((event) => {
        if (event.type === 'step' && event.runId === started.runId && event.state === 'running') {
          stop();
          resolve();
        }
      });
    });
    const before = Date.now();
    const detail = await service.cancel(started.runId);
    expect(Date.now() - before).toBeLessThan(10_000);
    expect(detail.state).toBe('cancelled');
    expect(detail.steps.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
    expect(containersOfRun(started.runId)).toEqual([]);
  });

  it('caches: a re-run hits, a changed param misses and says why, a failed step leaves no entry', async () => {
    const text = pipeline(
      'it-cache',
      `params:
  n: { default: '1' }
steps:
  make:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'echo \${params.n} > /out/n.txt']
    outputs: { artifacts: { out: { path: /out } } }
  use:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'mkdir -p /tmp; cat /in/n.txt > /tmp/v']
    depends: [make]
    inputs: { artifacts: { n: { from: steps.make.outputs.artifacts.out, path: /in } } }
    outputs: { params: { v: { path: /tmp/v } } }
  never:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'exit 1']
    cache: { salt: a }
  fixed:
    image: ${TEST_IMAGE}
    command: ['true']
    cache: false
`,
    );
    const first = await run(text, {}, true);
    expect(first.detail.steps.map((s) => s.cache?.decision)).toEqual(['miss', 'miss', 'miss', 'disabled']);
    expect(stepOf(first.detail, 'make').cache?.reason).toBe('first run of this step');
    const second = await run(text, {}, true);
    expect(second.detail.steps.map((s) => [s.state, s.message])).toEqual([
      ['cached', `reused the result of run ${first.detail.id}`],
      ['cached', `reused the result of run ${first.detail.id}`],
      ['failed', 'exit code 1'],
      ['succeeded', null],
    ]);
    expect(stepOf(second.detail, 'use').outputs).toEqual({ v: '1' });
    expect(stepOf(second.detail, 'use').cache).toMatchObject({ decision: 'hit', fromRun: first.detail.id });
    expect(stepOf(second.detail, 'never').cache?.reason).toBe(`run ${first.detail.id} did not succeed, so it left no cache entry`);
    const third = await run(text, { n: '2' }, true);
    expect(third.detail.steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded']);
    expect(stepOf(third.detail, 'make').cache?.reason).toBe(`changed since run ${second.detail.id}: the command, param n`);
    expect(stepOf(third.detail, 'use').cache?.reason).toBe(`changed since run ${second.detail.id}: input artifact n`);
    expect(stepOf(third.detail, 'use').outputs).toEqual({ v: '2' });
    const noCache = await run(text, { n: '2' }, false);
    expect(noCache.detail.steps.map((s) => s.cache?.decision)).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
  });

  it('failFast stops starting steps after a failure; a run timeout fails the run', async () => {
    const { state, detail } = await run(
      pipeline(
        'it-failfast',
        `failFast: true
steps:
  bad:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'exit 2']
  slow:
    image: ${TEST_IMAGE}
    command: [sleep, '3']
  after-slow:
    image: ${TEST_IMAGE}
    command: ['true']
    depends: [slow]
`,
      ),
    );
    expect(state).toBe('failed');
    expect(detail.steps.map((s) => [s.name, s.state])).toEqual([
      ['bad', 'failed'],
      ['slow', 'succeeded'],
      ['after-slow', 'cancelled'],
    ]);
    expect(detail.steps[2].message).toBe('not started: failFast stopped the run after "bad" failed');
    const timedOut = await run(pipeline('it-run-timeout', `timeout: 1s\nsteps:\n  long:\n    image: ${TEST_IMAGE}\n    command: [sleep, '30']\n`));
    expect(timedOut.state).toBe('failed');
    expect(timedOut.detail.message).toBe('the run timed out after 1s: steps still running were stopped');
  });

  it('respects the parallelism limit', async () => {
    const steps = ['a', 'b', 'c', 'd'].map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: [sleep, '0.3']\n`).join('');
    const started = service.startRun({ text: pipeline('it-parallel', `parallelism: 2\nsteps:\n${steps}`), useCache: false });
    let running = 0;
    let peak = 0;
    const stop = service.subscribe((event) => {
      if (event.type !== 'step' || event.runId !== started.runId) return;
      if (event.state === 'running') peak = Math.max(peak, ++running);
      if (event.state === 'succeeded') running--;
    });
    expect(await started.done).toBe('succeeded');
    stop();
    expect(peak).toBe(2);
  });
});
