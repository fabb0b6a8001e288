import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import { createCore, type Core } from '../app.ts';

// Through the dispatcher with every output checked against the contract, on the real engine.
let core: Core;
const home = mkdtempSync(join(tmpdir(), 'benchtop-env-api-home-'));
const folder = join(mkdtempSync(join(tmpdir(), 'benchtop-env-api-')), 'proj');

beforeAll(async () => {
  core = await createCore({ transport: 'cli', home, validateOutputs: true, env: { ...process.env, BENCHTOP_TEST_TEMPLATES: '1' } });
  mkdirSync(join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(join(folder, '.devcontainer', 'devcontainer.json'), '// api test\n{ "name": "api-env", "image": "benchtop-test/busybox", "remoteEnv": { "A": null }, }\n');
});

afterAll(async () => {
  for (const id of execFileSync('docker', ['ps', '-aq', '--filter', `label=devcontainer.local_folder=${folder}`], { encoding: 'utf8' }).split('\n').filter(Boolean)) execFileSync('docker', ['rm', '-f', id]);
  await core.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(join(folder, '..'), { recursive: true, force: true });
});

async function invoke(method: string, input: unknown) {
  const envelope = await core.dispatcher.invoke(method, input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as Record<string, unknown>;
}

describe('environments.* through the dispatcher', () => {
  it('templates, inspectFolder, up (stream), list, stop, start, export, remove all match the contract', async () => {
    expect(((await invoke('environments.templates', {})) as unknown as { id: string }[]).map((t) => t.id)).toContain('test-busybox-http');
    expect(await invoke('environments.inspectFolder', { folder })).toMatchObject({ exists: true, variant: 'image', name: 'api-env', problems: [], refusal: null, lockFile: null });
    const refused = await core.dispatcher.invoke('environments.up', { folder });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const events: EnvironmentProgress[] = [];
    const failure = await new Promise<unknown>((resolve) => core.dispatcher.open('environments.up', { folder }, { next: (v) => events.push(v as EnvironmentProgress), end: resolve }));
    expect(failure).toBeUndefined();
    const ready = events.find((e) => e.type === 'ready');
    expect(ready?.type === 'ready' && ready.environment.name).toBe('api-env');
    const id = ready?.type === 'ready' ? ready.environment.id : '';

    expect(((await invoke('environments.list', {})) as unknown as { id: string }[]).some((e) => e.id === id)).toBe(true);
    expect(await invoke('environments.stop', { id })).toMatchObject({ state: 'exited' });
    expect(await invoke('environments.start', { id })).toMatchObject({ state: 'running' });
    const exported = await invoke('environments.export', { id, format: 'devcontainer', file: join(folder, 'out', 'devcontainer.json') });
    expect(JSON.parse(exported.text as string)).toMatchObject({ name: 'api-env', image: 'benchtop-test/busybox', remoteEnv: { A: null } });
    const again = await core.dispatcher.invoke('environments.export', { id, format: 'devcontainer', file: join(folder, 'out', 'devcontainer.json') });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await invoke('environments.remove', { id })).toEqual({ id, removed: 1 });
    expect(await core.dispatcher.invoke('environments.up', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});
