import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../core/api/dispatcher.ts';
import { createPipelineHandlers } from '../../core/pipelines/handlers.ts';
import { createPipelineHarness, pipeline, TEST_IMAGE } from '../../core/pipelines/test-support.ts';
import type { CliContext } from '../command.ts';
import runs from './runs.ts';
import { runCommand } from './test-support.ts';

// `benchtop runs retry --failed|--from` and `runs compare` against the pipeline handlers on the real engine.
const harness = createPipelineHarness();
const image = `benchtop-test/cli-rerun-${randomUUID().slice(0, 8)}`;
afterAll(() => {
  execFileSync('docker', ['rmi', image], { stdio: 'ignore' });
  harness.close();
});
const dispatcher = createDispatcher(createPipelineHandlers(harness.service) as unknown as Handlers, { validateOutputs: true });

const cli = (args: string[], flags: CliContext['flags'] = {}) => runCommand(runs, dispatcher, args, flags);

describe('benchtop runs retry and compare (real engine)', { timeout: 120_000 }, () => {
  it('re-runs only the failed steps, refuses --failed with --from, and compares with — for a missing metric', async () => {
    const text = pipeline(
      'cli-rerun',
      `steps:\n  a:\n    image: ${TEST_IMAGE}\n    command: [sh, -c]\n    args: ['mkdir -p /o; echo "{\\"m\\": 1}" > /o/m.json']\n    outputs: { metrics: { path: /o/m.json } }\n  b:\n    image: ${image}\n    depends: [a]\n    command: [sh, -c]\n    args: ['mkdir -p /o; echo "{\\"n\\": 2}" > /o/m.json']\n    outputs: { metrics: { path: /o/m.json } }\n`,
    );
    const first = harness.service.startRun({ text });
    expect(await first.done).toBe('failed');
    execFileSync('docker', ['tag', TEST_IMAGE, image]);

    const both = await cli(['retry', first.runId], { failed: true, from: 'a' });
    expect([both.code, both.err]).toEqual([2, 'Choose one: --failed (re-run the failed steps) or --from STEP (re-run from a step).']);

    const retried = await cli(['retry', first.runId], { failed: true, json: true });
    expect(retried.code).toBe(0);
    const detail = JSON.parse(retried.out) as { id: string; state: string; rerunOf: string; rerunMode: string; steps: { name: string; state: string; reusedFrom: string | null }[] };
    expect(detail).toMatchObject({ state: 'succeeded', rerunOf: first.runId, rerunMode: 'failed' });
    expect(detail.steps.map((s) => [s.name, s.state, s.reusedFrom])).toEqual([
      ['a', 'cached', first.runId],
      ['b', 'succeeded', null],
    ]);

    const compared = await cli(['compare', first.runId, detail.id]);
    expect(compared.code).toBe(0);
    const lines = compared.out.trim().split('\n').map((line) => line.split(/\s{2,}/));
    expect(lines).toEqual([
      ['RUN', 'STATE', 'A.M', 'B.N'],
      [first.runId, 'failed', '1', '—'],
      [detail.id, 'succeeded', '1', '2'],
    ]);

    const filtered = await cli([], { state: 'succeeded', pipeline: 'cli-rerun', json: true });
    expect((JSON.parse(filtered.out) as { id: string }[]).map((r) => r.id)).toEqual([detail.id]);
  });
});
