import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPipelineHarness } from './test-support.ts';

// The shipped example end to end on the offline image benchtop-test/python-ml
// (scripts/build-python-ml-image.sh, run by the test host's provisioning).
const IMAGE = 'benchtop-test/python-ml';
const present = (() => {
  try {
    execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const harness = createPipelineHarness();
afterAll(() => harness.close());

describe('example train-and-select', { timeout: 300_000 }, () => {
  it.skipIf(!present)(`trains two models, records both metrics and selects the better one (needs ${IMAGE}: scripts/build-python-ml-image.sh)`, async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../resources/examples/train-and-select/pipeline.yaml'), 'utf8').replace(
      'name: train-and-select',
      "name: train-and-select\n  labels: { benchtop.test: '1' }",
    );
    const { runId, done } = harness.service.startRun({ text, params: { image: IMAGE }, useCache: false });
    expect(await done).toBe('succeeded');
    const detail = harness.service.get(runId);
    const step = (name: string) => detail.steps.find((s) => s.name === name);
    expect(detail.steps.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const a = step('train-a')?.metrics ?? {};
    const b = step('train-b')?.metrics ?? {};
    expect(a.auc).toBeGreaterThan(0.9);
    expect(b.auc).toBeGreaterThan(0.9);
    expect(Object.keys(a).sort()).toEqual(['accuracy', 'auc']);
    const winner = step('select')?.outputs.winner;
    expect(winner).toBe(a.auc >= b.auc ? 'train-a' : 'train-b');
    expect(step('train-a')?.artifacts[0]).toMatchObject({ name: 'model', size: expect.any(Number) });
    expect(readFileSync(step('select')?.attempts[0].logPath ?? '', 'utf8')).toMatch(new RegExp(`^selected ${winner} \\(auc `));
  });
});
