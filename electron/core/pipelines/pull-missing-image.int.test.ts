import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { containersOfRun, createPipelineHarness, pipeline, TEST_IMAGE } from './test-support.ts';

// Against the real engine. No registry is reachable from this host, so only the failing pull is
// tried for real here (Docker Hub's name does not resolve; localhost:1 refuses the connection);
// the successful pull and its retry are in pull-missing-image.test.ts with an engine stand-in.
const harness = createPipelineHarness();
afterAll(() => harness.close());
const { service, events } = harness;

const imageExists = (image: string) => {
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe.concurrent('a step whose image is not on this machine', { timeout: 60_000 }, () => {
  it('is pulled; a pull that fails errors the step quickly, naming the image, the registry, its answer and what to do, and changes nothing else', async () => {
    const missing = `benchtop-test/missing-${randomBytes(4).toString('hex')}:1`;
    const text = pipeline(
      'it-missing-image',
      `params:
  image: { default: ${missing} }
steps:
  first:
    image: \${params.image}
    command: [sh, -c, 'echo never']
  here:
    image: ${TEST_IMAGE}
    command: [sh, -c, 'echo here']
  after:
    image: ${TEST_IMAGE}
    depends: [first]
    command: [sh, -c, 'echo never']
`,
    );
    const began = Date.now();
    const started = service.startRun({ text, params: {}, useCache: false });
    const state = await started.done;
    const took = Date.now() - began;
    const detail = service.get(started.runId);
    const first = detail.steps.find((s) => s.name === 'first')!;

    expect(state).toBe('failed');
    expect(took).toBeLessThan(20_000);
    expect(first.state).toBe('errored');
    expect(first.message).toContain(`Image ${missing} is not on this machine and pulling it failed: the registry docker.io`);
    expect(first.message).toMatch(/the engine said: .*registry-1\.docker\.io/);
    expect(first.message).toContain('--param image=IMAGE');
    expect(first.message).toContain(`benchtop pull ${missing}`);
    expect(first.attempts).toHaveLength(1);
    expect(first.attempts[0]).toMatchObject({ state: 'errored', exitCode: null, reason: first.message });
    // The attempt's log (the step's Logs tab) tells the same story: the pull, then the error.
    expect(readFileSync(first.attempts[0].logPath, 'utf8')).toBe(`image not on this machine: pulling ${missing}…\n${first.message}\n`);
    expect(detail.steps.find((s) => s.name === 'here')?.state).toBe('succeeded');
    expect(detail.steps.find((s) => s.name === 'after')?.state).toBe('upstream_failed');
    expect(detail.message).toBe('1 of 3 steps succeeded; first errored');
    // The pull was announced as the step's status line before it failed.
    const lines = events.filter((e) => e.type === 'step' && e.runId === started.runId && e.step === 'first').map((e) => (e.type === 'step' ? `${e.state} ${e.message}` : ''));
    expect(lines).toContain(`waiting image not on this machine: pulling ${missing}…`);
    expect(imageExists(missing)).toBe(false);
    expect(containersOfRun(started.runId)).toEqual([]);
  });

  it('a registry that refuses the connection (localhost:1) is named as unreachable; a step image without a param gets no --param hint', async () => {
    const missing = `localhost:1/benchtop-missing-${randomBytes(4).toString('hex')}:1`;
    const started = service.startRun({ text: pipeline('it-missing-registry', `steps:\n  only:\n    image: ${missing}\n    command: [sh, -c, 'echo never']\n`), params: {}, useCache: false });
    expect(await started.done).toBe('failed');
    const only = service.get(started.runId).steps[0];
    expect(only.message).toContain(`Image ${missing} is not on this machine and pulling it failed: the registry localhost:1 is unreachable from the Docker engine`);
    expect(only.message).toContain('connection refused');
    expect(only.message).not.toContain('--param');
    expect(containersOfRun(started.runId)).toEqual([]);
  });
});
