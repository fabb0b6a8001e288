import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import { createCore, type Core } from '../app.ts';
import { pipeline, TEST_IMAGE } from './test-support.ts';

// The contract methods through the dispatcher, outputs checked against the contract, real engine.
const home = mkdtempSync(join(tmpdir(), 'benchtop-pipeline-api-'));
let core: Core;
afterAll(async () => {
  await core?.close();
  rmSync(home, { recursive: true, force: true });
});

function collect<T>(method: string, input: unknown): Promise<{ values: T[]; error: unknown }> {
  return new Promise((resolve) => {
    const values: T[] = [];
    core.dispatcher.open(method, input, { next: (value) => values.push(value as T), end: (error) => resolve({ values, error }) });
  });
}

describe('pipeline API', { timeout: 120_000 }, () => {
  it('validates, runs, streams events and logs, lists and shows runs', async () => {
    core = await createCore({ transport: 'cli', home, env: process.env, validateOutputs: true });
    const text = pipeline('it-api', `  labels: { benchtop.test: '1' }\nsteps:\n  hello:\n    image: ${TEST_IMAGE}\n    command: [echo, 'hi \${params.who}']\nparams:\n  who: { default: api }\n`);
    const bad = await core.dispatcher.invoke('pipelines.validate', { text: text.replace('hello:', 'Hello:') });
    expect(bad).toMatchObject({ ok: true, value: { valid: false, problems: [{ line: 7, column: 3 }] } });
    const refused = await core.dispatcher.invoke('pipelines.run', { text, params: { nope: '1' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown param "nope"; this pipeline declares who.' } });
    const started = await core.dispatcher.invoke('pipelines.run', { text, noCache: true });
    if (!started.ok) throw new Error(started.error.message);
    const runId = (started.value as { runId: string }).runId;
    const { values, error } = await collect<RunEvent>('runs.events', { id: runId });
    expect(error).toBeUndefined();
    expect(values.at(-1)).toMatchObject({ type: 'run', state: 'succeeded' });
    expect(values.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.state : ''))).toContain('running');
    const logs = await collect<{ text: string }>('runs.logs', { id: runId, step: 'hello' });
    expect(logs.values.map((v) => v.text).join('')).toBe('hi api\n');
    expect(logs.values.at(-1)).toMatchObject({ end: 7 });
    // A viewer resuming after a dropped connection reads on from the end it was shown.
    const resumed = await collect<{ text: string; end: number }>('runs.logs', { id: runId, step: 'hello', offset: 3 });
    expect(resumed.values).toEqual([{ attempt: 1, text: 'api\n', end: 7 }]);
    const list = await core.dispatcher.invoke('runs.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: runId, pipeline: 'it-api', state: 'succeeded', steps: { hello: 'succeeded' } }] });
    const detail = await core.dispatcher.invoke('runs.get', { id: runId.slice(0, 18) });
    expect(detail).toMatchObject({ ok: true, value: { id: runId, steps: [{ name: 'hello', attempts: [{ exitCode: 0 }] }] } });
    expect(await core.dispatcher.invoke('runs.cancel', { id: runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.dispatcher.invoke('schedules.list', {})).toEqual({ ok: true, value: [] });
  });
});
