// The export handlers as the UI calls them. Submission goes to a loopback HTTPS fake of the
// Kubernetes API (test-support/fake-argo-api.ts): there is no cluster on our machines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { FollowEvent } from '../../../shared/api/methods/exports.ts';
import { exportMethods } from '../../../shared/api/methods/exports.ts';
import { startFakeArgoApi, type FakeArgoApi } from './test-support/fake-argo-api.ts';
import { createExportHandlers } from './handlers.ts';

const example = new URL('../../../resources/examples/busybox-select/pipeline.yaml', import.meta.url);
const text = readFileSync(example, 'utf8');
// The export handlers use no service of the core: the deps are not read.
const deps = {};
const dirs: string[] = [];
let api: FakeArgoApi | null = null;

afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await api?.close();
  api = null;
});

type Methods = typeof exportMethods;
const input = <M extends keyof Methods>(method: M, value: unknown) => exportMethods[method].input.parse(value) as z.output<Methods[M]['input']>;

describe('export handlers', () => {
  it('preview returns the YAML and its notes; save writes beside the pipeline and refuses to overwrite without confirmation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-export-'));
    dirs.push(dir);
    const file = join(dir, 'pipeline.yaml');
    writeFileSync(file, text);
    const handlers = createExportHandlers(deps, {});
    const preview = await handlers['exports.preview'](input('exports.preview', { target: 'argo', text, file }));
    expect(preview.kinds).toEqual(['WorkflowTemplate']);
    expect(preview.yaml).toMatch(/kind: WorkflowTemplate/);
    expect(exportMethods['exports.preview'].output.parse(preview)).toEqual(preview);

    const saved = await handlers['exports.save'](input('exports.save', { target: 'argo', text, file }));
    expect(saved.path).toBe(join(dir, 'busybox-select.argo.yaml'));
    expect(readFileSync(saved.path, 'utf8')).toBe(preview.yaml);
    writeFileSync(saved.path, 'mine');
    await expect(handlers['exports.save'](input('exports.save', { target: 'argo', text, file }))).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(saved.path, 'utf8')).toBe('mine');
    await handlers['exports.save'](input('exports.save', { target: 'argo', text, file, overwrite: true }));
    expect(readFileSync(saved.path, 'utf8')).toBe(preview.yaml);

    const chosen = join(dir, 'ci.yml');
    const gh = await handlers['exports.save'](input('exports.save', { target: 'github-actions', text, file, path: chosen }));
    expect(gh.path).toBe(chosen);
    expect(readFileSync(chosen, 'utf8')).toMatch(/node bin\/benchtop\.mjs run /);
    await expect(handlers['exports.save'](input('exports.save', { target: 'argo', text: 'kind: Pipeline', file }))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Nothing was saved/) });
  });

  it('lists kubeconfig contexts, submits, and streams node phases until the workflow ends', async () => {
    api = await startFakeArgoApi();
    const handlers = createExportHandlers(deps, { KUBECONFIG: api.kubeconfig });
    const contexts = await handlers['exports.kubeContexts']({});
    expect(contexts).toMatchObject({ current: 'fake', problem: null, contexts: [{ name: 'fake', namespace: 'ml', server: api.url, user: 'tester' }, { name: 'other', namespace: null }] });
    const submitted = await handlers['exports.submit'](input('exports.submit', { text, file: null, context: 'fake', params: { rows: '9' } }));
    expect(submitted.namespace).toBe('ml');
    expect((api.created[0] as unknown as { spec: { arguments: { parameters: { name: string; value: string }[] } } }).spec.arguments.parameters).toContainEqual({ name: 'rows', value: '9' });
    const events: FollowEvent[] = [];
    let ended: unknown = 'open';
    await handlers['exports.follow'](input('exports.follow', { context: 'fake', namespace: 'ml', name: submitted.name }), { next: (e) => events.push(e), end: (e) => (ended = e) }, new AbortController().signal);
    expect(events.at(-1)).toMatchObject({ type: 'workflow', phase: 'Succeeded' });
    expect(events.filter((e) => e.type === 'node' && e.phase === 'Succeeded').map((e) => (e.type === 'node' ? e.displayName : ''))).toEqual(['pull', 'features', 'train-a', 'train-b', 'select']);
    for (const event of events) exportMethods['exports.follow'].output.parse(event);
    expect(ended).toBe('open');
    expect(api.rejected).toEqual([]);
  }, 60_000);

  it('says there is no kubeconfig instead of failing', async () => {
    const handlers = createExportHandlers(deps, { HOME: '/nonexistent-home' });
    expect(await handlers['exports.kubeContexts']({})).toEqual({ file: null, current: null, contexts: [], problem: 'No kubeconfig: set KUBECONFIG or create ~/.kube/config.' });
  });
});
