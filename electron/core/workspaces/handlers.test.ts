import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPipelineGraph } from '../../../shared/pipeline/edit/pipeline-graph.ts';
import { workspaceMethods } from '../../../shared/api/methods/workspaces.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { createPipelineHarness, type PipelineHarness } from '../pipelines/test-support.ts';
import { createWorkspaceHandlers } from './handlers.ts';
import { scanForPipelines } from './pipeline-scan.ts';

const example = readFileSync(new URL('../../../resources/examples/busybox-select/pipeline.yaml', import.meta.url), 'utf8');

type Handlers = ReturnType<typeof createWorkspaceHandlers>;
type Method = keyof typeof workspaceMethods;

describe('workspace handlers (real folders, real sqlite store)', () => {
  let harness: PipelineHarness;
  let root: string;
  let outside: string;
  let handlers: Handlers;
  const call = <M extends Method>(method: M, input: unknown) => {
    const parsed = workspaceMethods[method].input.parse(input);
    return (handlers[method] as (input: unknown) => Promise<unknown>)(parsed);
  };
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  };

  beforeEach(() => {
    harness = createPipelineHarness();
    root = mkdtempSync(join(tmpdir(), 'benchtop-ws-'));
    outside = mkdtempSync(join(tmpdir(), 'benchtop-ws-outside-'));
    mkdirSync(join(root, 'pipes', 'deep'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(root, '.git'), { recursive: true });
    writeFileSync(join(root, 'pipes', 'pipeline.yaml'), example);
    writeFileSync(join(root, 'pipes', 'deep', 'broken.yml'), 'apiVersion: benchtop/v1\nkind: Pipeline\nmetadata: { name: broken }\nsteps:\n  a: { image: x, command: [sh], depends: [ghost] }\n');
    writeFileSync(join(root, 'pipes', 'scheduled.yml'), 'apiVersion: benchtop/v1\nkind: Pipeline\nmetadata: { name: nightly }\nschedule: { cron: ["0 3 * * *"], timezone: UTC }\nsteps:\n  a: { image: x, command: [sh] }\n');
    writeFileSync(join(root, 'pipes', 'compose.yaml'), 'services:\n  web: { image: nginx }\n');
    writeFileSync(join(root, 'node_modules', 'x', 'p.yaml'), example);
    writeFileSync(join(root, '.git', 'p.yaml'), example);
    writeFileSync(join(outside, 'secret.yaml'), example);
    handlers = createWorkspaceHandlers({ store: harness.store, pipelines: harness.service, home: root });
  });

  afterEach(() => {
    harness.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('adds, lists (persisted in the store) and removes folders; refuses relative or missing ones', async () => {
    expect(await call('workspaces.add', { path: root })).toEqual([{ path: root, exists: true }]);
    expect(await call('workspaces.add', { path: root })).toHaveLength(1);
    expect(harness.store.getSetting('workspaces.folders')).toEqual([root]);
    await expect(createWorkspaceHandlers({ store: harness.store, pipelines: harness.service, home: root })['workspaces.list']({})).resolves.toEqual([{ path: root, exists: true }]);
    expect((await rejection(call('workspaces.add', { path: 'relative/dir' }))).code).toBe('invalid_input');
    expect((await rejection(call('workspaces.add', { path: join(root, 'nope') }))).code).toBe('not_found');
    expect(await call('workspaces.remove', { path: root })).toEqual([]);
    expect((await rejection(call('workspaces.remove', { path: root }))).code).toBe('not_found');
  });

  it('finds pipeline files with their validation state, last run and schedule, skipping ignored folders', async () => {
    await call('workspaces.add', { path: root });
    const file = join(root, 'pipes', 'pipeline.yaml');
    const { runId } = harness.service.startRun({ text: example, file, params: {}, useCache: true, detached: true });
    await harness.service.scheduler.enable(join(root, 'pipes', 'scheduled.yml'));
    const { files, truncated } = (await call('workspaces.files', {})) as { files: { relative: string; valid: boolean; problems: number; steps: number; name: string; lastRun: { id: string } | null; schedule: unknown }[]; truncated: boolean };
    expect(truncated).toBe(false);
    expect(files.map((f) => f.relative)).toEqual([join('pipes', 'pipeline.yaml'), join('pipes', 'scheduled.yml'), join('pipes', 'deep', 'broken.yml')]);
    expect(files[0]).toMatchObject({ name: 'busybox-select', valid: true, problems: 0, steps: 5, lastRun: { id: runId }, schedule: null });
    expect(files[1]).toMatchObject({ name: 'nightly', valid: true, lastRun: null, schedule: { enabled: true, suspended: false, cron: ['0 3 * * *'], nextTick: expect.stringMatching(/T03:00:00/) } });
    expect(files[2]).toMatchObject({ name: 'broken', valid: false, problems: 1, lastRun: null });
  });

  it('stops scanning at its limits and says so', () => {
    expect(scanForPipelines([root], { maxDepth: 1, maxEntries: 1000, maxFiles: 10 })).toMatchObject({ truncated: true, files: [{ relative: join('pipes', 'pipeline.yaml') }, { relative: join('pipes', 'scheduled.yml') }] });
  });

  it('reads and writes atomically, refusing a write when the file changed since it was read', async () => {
    await call('workspaces.add', { path: root });
    const file = join(root, 'pipes', 'pipeline.yaml');
    const read = (await call('workspaces.readFile', { file })) as { text: string; version: string; graph: unknown };
    expect(read.text).toBe(example);
    expect(read.version).toMatch(/^\d+-[0-9a-f]{64}$/);
    expect(read.graph).toEqual(readPipelineGraph(example));
    expect(read.graph).not.toBeNull();
    const written = (await call('workspaces.writeFile', { file, text: `${example}# edited\n`, version: read.version })) as { version: string };
    expect(readFileSync(file, 'utf8')).toBe(`${example}# edited\n`);
    expect(readdirSync(join(root, 'pipes')).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const stale = await rejection(call('workspaces.writeFile', { file, text: 'lost?', version: read.version }));
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/changed on disk/);
    writeFileSync(file, `${example}# someone else\n`);
    expect((await rejection(call('workspaces.writeFile', { file, text: 'mine', version: written.version }))).code).toBe('conflict');
    expect(readFileSync(file, 'utf8')).toBe(`${example}# someone else\n`);
  });

  it('refuses paths outside the workspace folders, traversal and links out', async () => {
    await call('workspaces.add', { path: root });
    const secret = join(outside, 'secret.yaml');
    expect((await rejection(call('workspaces.readFile', { file: secret }))).message).toMatch(/not inside a workspace folder/);
    expect((await rejection(call('workspaces.readFile', { file: join(root, 'pipes', '..', '..', outside.split('/').at(-1) as string, 'secret.yaml') }))).code).toBe('invalid_input');
    symlinkSync(secret, join(root, 'link.yaml'));
    expect((await rejection(call('workspaces.readFile', { file: join(root, 'link.yaml') }))).code).toBe('invalid_input');
    const version = ((await call('workspaces.readFile', { file: join(root, 'pipes', 'pipeline.yaml') })) as { version: string }).version;
    expect((await rejection(call('workspaces.writeFile', { file: secret, text: 'x', version }))).code).toBe('invalid_input');
    expect(readFileSync(secret, 'utf8')).toBe(example);
    expect((await rejection(call('workspaces.readFile', { file: 'pipes/pipeline.yaml' }))).code).toBe('invalid_input');
  });

  it('keeps node positions in the sidecar beside the file, never in it', async () => {
    await call('workspaces.add', { path: root });
    const file = join(root, 'pipes', 'pipeline.yaml');
    expect(await call('workspaces.readLayout', { file })).toEqual({ positions: {} });
    const out = (await call('workspaces.writeLayout', { file, layout: { positions: { select: { x: 5, y: 6 }, pull: { x: 1, y: 2 } } } })) as { file: string };
    expect(out.file).toBe(join(root, 'pipes', 'pipeline.layout.json'));
    expect(Object.keys(JSON.parse(readFileSync(out.file, 'utf8')).positions)).toEqual(['pull', 'select']);
    expect(await call('workspaces.readLayout', { file })).toEqual({ positions: { pull: { x: 1, y: 2 }, select: { x: 5, y: 6 } } });
    expect(readFileSync(file, 'utf8')).toBe(example);
    writeFileSync(out.file, '{"nope": 1}');
    expect((await rejection(call('workspaces.readLayout', { file }))).message).toMatch(/delete it to reset/);
  });
});
