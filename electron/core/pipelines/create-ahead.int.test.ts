import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { attemptDir } from './run-paths.ts';
import { containersOfRun, createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// The executor creates the containers of steps about to run while earlier steps run (see
// run-executor.ts #createAhead). Real engine, busybox steps: what is made ahead is used, or removed.
const harness = createPipelineHarness();
afterAll(() => harness.close());
const { service } = harness;

/** The containers the engine has for one step of a run, with their state (created, running, exited). */
function stepContainers(runId: string, step: string): { id: string; state: string }[] {
  const out = execFileSync('docker', ['ps', '-a', '--filter', `label=benchtop.run=${runId}`, '--filter', `label=benchtop.step=${step}`, '--format', '{{.ID}} {{.State}}'], { encoding: 'utf8' }).trim();
  return out ? out.split('\n').map((line) => ({ id: line.split(' ')[0], state: line.split(' ')[1] })) : [];
}

const inspect = (id: string, format: string) => execFileSync('docker', ['inspect', '-f', format, id], { encoding: 'utf8' }).trim();

/** Starts a run and, while its step `first` runs, polls for a container of the steps `next` (up to `ms`). */
async function watchAhead(text: string, first: string, next: string[], useCache = false, ms = 10_000) {
  const started = service.startRun({ text, useCache });
  await new Promise<void>((resolve) => {
    const stop = service.subscribe((event) => {
      if (event.type === 'step' && event.runId === started.runId && event.step === first && event.state === 'running') {
        stop();
        resolve();
      }
    });
  });
  let seen: { id: string; state: string }[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && seen.length === 0) {
    seen = next.flatMap((step) => stepContainers(started.runId, step));
    if (seen.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  // Made after the upstream's start returned, not beside it (that start then took a fifth longer).
  const upstream = stepContainers(started.runId, first)[0];
  const createdAfterUpstreamStarted =
    seen.length > 0 && upstream ? Date.parse(inspect(seen[0].id, '{{.Created}}')) >= Date.parse(inspect(upstream.id, '{{.State.StartedAt}}')) : null;
  const state = await started.done;
  return { runId: started.runId, seen, state, detail: service.get(started.runId), createdAfterUpstreamStarted };
}

describe.concurrent('containers created ahead', { timeout: 120_000 }, () => {
  it('creates the next step while its upstream runs, starts that same container, and leaves none behind', async () => {
    const { runId, seen, state, detail, createdAfterUpstreamStarted } = await watchAhead(
      pipeline('it-ahead-used', `steps:\n  first:\n    image: ${TEST_IMAGE}\n    command: [sleep, '5']\n  next:\n    image: ${TEST_IMAGE}\n    command: [sh, -c, 'echo ran']\n    depends: [first]\n`),
      'first',
      ['next'],
    );
    expect(state).toBe('succeeded');
    expect(seen).toEqual([{ id: expect.any(String), state: 'created' }]);
    expect(createdAfterUpstreamStarted).toBe(true);
    const next = detail.steps.find((s) => s.name === 'next');
    expect(next?.attempts.map((a) => a.state)).toEqual(['succeeded']);
    expect(next?.attempts[0].containerId?.startsWith(seen[0].id)).toBe(true);
    expect(containersOfRun(runId)).toEqual([]);
  });

  it('removes the container made ahead when the upstream fails (upstream_failed), with its empty attempt folder', async () => {
    const { runId, seen, state, detail } = await watchAhead(
      pipeline('it-ahead-failed', `steps:\n  first:\n    image: ${TEST_IMAGE}\n    command: [sh, -c, 'sleep 5; exit 1']\n  next:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    depends: [first]\n`),
      'first',
      ['next'],
    );
    expect(state).toBe('failed');
    expect(seen).toHaveLength(1);
    expect(detail.steps.map((s) => s.state)).toEqual(['failed', 'upstream_failed']);
    expect(detail.steps[1].attempts).toEqual([]);
    expect(existsSync(attemptDir(harness.home, runId, 'next', 1))).toBe(false);
    expect(containersOfRun(runId)).toEqual([]);
  });

  it('removes it on cancel', async () => {
    const started = service.startRun({
      text: pipeline('it-ahead-cancel', `steps:\n  first:\n    image: ${TEST_IMAGE}\n    command: [sleep, '60']\n  next:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    depends: [first]\n`),
      useCache: false,
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && stepContainers(started.runId, 'next').length === 0) await new Promise((r) => setTimeout(r, 100));
    expect(stepContainers(started.runId, 'next')).toHaveLength(1);
    const detail = await service.cancel(started.runId);
    expect(detail.steps.map((s) => s.state)).toEqual(['cancelled', 'cancelled']);
    expect(containersOfRun(started.runId)).toEqual([]);
  });

  it('makes nothing ahead for a step its cache will answer, nor for one that reads an upstream output', async () => {
    const text = pipeline(
      'it-ahead-cache',
      `steps:\n  first:\n    image: ${TEST_IMAGE}\n    command: [sh, -c, 'mkdir -p /tmp; echo 7 > /tmp/v; sleep 2']\n    outputs: { params: { v: { path: /tmp/v } } }\n    cache: false\n  cached:\n    image: ${TEST_IMAGE}\n    command: ['true']\n    depends: [first]\n  reader:\n    image: ${TEST_IMAGE}\n    command: [sh, -c, 'echo \${steps.first.outputs.params.v}']\n    depends: [first]\n    cache: false\n`,
    );
    const warm = await service.startRun({ text, useCache: true }).done;
    expect(warm).toBe('succeeded');
    const { runId, seen, state, detail } = await watchAhead(text, 'first', ['cached', 'reader'], true, 1_500);
    expect(state).toBe('succeeded');
    expect(seen).toEqual([]);
    expect(detail.steps.map((s) => s.state)).toEqual(['succeeded', 'cached', 'succeeded']);
    expect(containersOfRun(runId)).toEqual([]);
  });
});
