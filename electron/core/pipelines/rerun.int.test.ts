import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { containersOfRun, createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// Re-runs, timeline timestamps and the compare query against the real engine with busybox steps.
const harness = createPipelineHarness();
const tags: string[] = [];
afterAll(() => {
  for (const tag of tags) execFileSync('docker', ['rmi', tag], { stdio: 'ignore' });
  harness.close();
});
const { service } = harness;

const step = (detail: ReturnType<typeof service.get>, name: string) => {
  const found = detail.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
};

async function finish(started: { runId: string; done: Promise<unknown> | null }) {
  await started.done;
  return service.get(started.runId);
}

describe('re-runs on the real engine', { timeout: 180_000 }, () => {
  it('re-runs only the failed steps: succeeded ones are reused with their artifacts and metrics, the rest run again', async () => {
    // "train" needs an image that is not built yet: it errors; once the image exists, re-running the failed steps finishes the run.
    const image = `benchtop-test/rerun-${randomUUID().slice(0, 8)}`;
    const text = pipeline(
      'it-rerun-failed',
      `steps:
  prepare:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['echo 7 > /data/n; mkdir -p /out; echo "{\\"rows\\": 7}" > /out/m.json']
    outputs:
      artifacts: { data: { path: /data } }
      metrics: { path: /out/m.json }
  train:
    image: ${image}
    depends: [prepare]
    command: [sh, -c]
    args: ['mkdir -p /out; echo "{\\"auc\\": $(cat /in/n)}" > /out/m.json']
    inputs:
      artifacts: { data: { from: steps.prepare.outputs.artifacts.data, path: /in } }
    outputs:
      metrics: { path: /out/m.json }
  report:
    image: ${TEST_IMAGE}
    depends: [train]
    command: ['true']
`,
    );
    const first = await finish(service.startRun({ text, useCache: false }));
    expect(first.state).toBe('failed');
    expect(first.steps.map((s) => s.state)).toEqual(['succeeded', 'errored', 'upstream_failed']);

    execFileSync('docker', ['tag', TEST_IMAGE, image]);
    tags.push(image);
    const second = await finish(service.retry(first.id, { kind: 'failed' }));
    expect(second.state).toBe('succeeded');
    expect(second).toMatchObject({ rerunOf: first.id, rerunMode: 'failed' });
    const prepare = step(second, 'prepare');
    expect(prepare).toMatchObject({ state: 'cached', reusedFrom: first.id, attempts: [], metrics: { rows: 7 } });
    expect(prepare.artifacts).toEqual(step(first, 'prepare').artifacts);
    expect(step(second, 'train')).toMatchObject({ state: 'succeeded', reusedFrom: null, metrics: { auc: 7 } });
    expect(step(second, 'report')).toMatchObject({ state: 'succeeded', reusedFrom: null });
    expect(containersOfRun(second.id)).toEqual([]);

    expect(() => service.retry(second.id, { kind: 'failed' })).toThrow(/has no failed steps/);
  });

  it('re-runs from a chosen step: it and its downstream run again (no cache), upstream and unrelated steps are reused', async () => {
    const text = pipeline(
      'it-rerun-from',
      `steps:
  a:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['echo a > /data/a']
    outputs:
      artifacts: { data: { path: /data } }
  b:
    image: ${TEST_IMAGE}
    depends: [a]
    command: [sh, -c]
    args: ['cat /in/a']
    inputs:
      artifacts: { data: { from: steps.a.outputs.artifacts.data, path: /in } }
  c:
    image: ${TEST_IMAGE}
    depends: [b]
    command: ['true']
  side:
    image: ${TEST_IMAGE}
    command: ['true']
`,
    );
    const first = await finish(service.startRun({ text }));
    expect(first.state).toBe('succeeded');
    const second = await finish(service.retry(first.id, { kind: 'from', step: 'b' }));
    expect(second.state).toBe('succeeded');
    expect(second.rerunMode).toBe('from:b');
    expect(second.steps.map((s) => [s.name, s.state, s.reusedFrom, s.attempts.length])).toEqual([
      ['a', 'cached', first.id, 0],
      ['b', 'succeeded', null, 1],
      ['c', 'succeeded', null, 1],
      ['side', 'cached', first.id, 0],
    ]);
    expect(step(second, 'b').cache?.decision).toBe('disabled');
    expect(() => service.retry(first.id, { kind: 'from', step: 'nope' })).toThrow(/has no step "nope": its steps are a, b, c, side/);
  });

  it('records when each attempt began to wait for a slot and when it started (the timeline), and compares runs', async () => {
    const text = pipeline(
      'it-rerun-timeline',
      `params:
  n: { type: int, default: 1 }
  tag: { default: baseline }
parallelism: 1
steps:
  first:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['sleep 1; mkdir -p /o; echo "{\\"n\\": \${params.n}}" > /o/m.json']
    outputs:
      metrics: { path: /o/m.json }
  second:
    image: ${TEST_IMAGE}
    command: [sh, -c]
    args: ['sleep 1']
`,
    );
    const one = await finish(service.startRun({ text, useCache: false }));
    const [a, b] = [step(one, 'first').attempts[0], step(one, 'second').attempts[0]];
    for (const attempt of [a, b]) {
      expect(Date.parse(attempt.queuedAt ?? '')).toBeLessThanOrEqual(Date.parse(attempt.startedAt ?? ''));
      expect(Date.parse(attempt.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(attempt.finishedAt ?? ''));
    }
    // parallelism 1: "second" was ready at once but waited until "first" ended.
    expect(Date.parse(b.startedAt ?? '') - Date.parse(b.queuedAt ?? '')).toBeGreaterThanOrEqual(900);
    expect(Date.parse(b.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.finishedAt ?? ''));

    const two = await finish(service.startRun({ text, params: { n: '5', tag: 'candidate' }, useCache: false }));
    expect(service.compare([one.id, two.id])).toEqual([
      expect.objectContaining({ id: one.id, params: { n: '1', tag: 'baseline' }, metrics: { 'first.n': 1 } }),
      expect.objectContaining({ id: two.id, params: { n: '5', tag: 'candidate' }, metrics: { 'first.n': 5 } }),
    ]);
    expect(service.list(100, { pipeline: 'it-rerun-timeline' }).map((r) => r.id)).toEqual([two.id, one.id]);
    expect(service.list(100, { pipeline: 'it-rerun-timeline', text: 'CANDIDATE' }).map((r) => r.id)).toEqual([two.id]);
    expect(service.list(100, { state: 'cancelled', pipeline: 'it-rerun-timeline' })).toEqual([]);
    expect(service.list(100, { pipeline: 'it-rerun-timeline', since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });
});
