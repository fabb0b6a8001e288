import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackImageProgress } from '../../../shared/domain/compose-images.ts';
import { EngineConnection } from '../engine/connection.ts';
import { detectBuildx } from '../images/buildx.ts';
import { TaskRegistry } from '../tasks/registry.ts';
import { loadComposeProject } from './load-project.ts';
import { buildStackImages, pullStackImages } from './stack-images.ts';

// Against the real engine; images built here are labelled benchtop.test=1 and removed. No registry is reachable, so pulls fail (fast).
const engine = new EngineConnection({ env: process.env });
const dir = mkdtempSync(join(tmpdir(), 'benchtop-stack-images-'));
const tag = `benchtop-test/stack-images-${process.pid}:latest`;
const slowTag = `benchtop-test/stack-images-slow-${process.pid}:latest`;
const deps = { client: () => engine.client(), buildx: () => detectBuildx(), cliEnv: () => process.env };
afterAll(() => {
  execFileSync('sh', ['-c', `docker image rm -f ${tag} ${slowTag} >/dev/null 2>&1 || true`]);
  rmSync(dir, { recursive: true, force: true });
});

function project(services: string) {
  const file = join(dir, `compose-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `services:\n${services}`);
  return loadComposeProject({ files: [file], projectName: 'stack-images-it', env: {} });
}

describe('stack images against the real engine', { timeout: 90_000 }, () => {
  it('builds each service with build: as a task; refuses Pull when every service builds', async () => {
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM benchtop-test/busybox\nLABEL benchtop.test=1\n');
    const tasks = new TaskRegistry();
    const events: StackImageProgress[] = [];
    const stack = project(`  app:\n    build: ./app\n    image: ${tag}\n`);
    await buildStackImages(deps, tasks, stack, (p) => events.push(p), new AbortController().signal);
    expect(events.map((e) => e.status)).toEqual(['building', 'built']);
    expect(tasks.list()).toMatchObject([{ kind: 'build', state: 'succeeded' }]);
    expect(execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', tag], { encoding: 'utf8' })).toMatch(/^sha256:/);
    await expect(pullStackImages(await engine.client(), tasks, stack, () => {}, new AbortController().signal)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a build cancelled from the tray stops and its task reads cancelled', async () => {
    mkdirSync(join(dir, 'slow'), { recursive: true });
    writeFileSync(join(dir, 'slow', 'Dockerfile'), 'FROM benchtop-test/busybox\nLABEL benchtop.test=1\nRUN sleep 60\n');
    const tasks = new TaskRegistry();
    const stack = project(`  slow:\n    build: ./slow\n    image: ${slowTag}\n`);
    const started = Date.now();
    const run = buildStackImages(deps, tasks, stack, () => {}, new AbortController().signal);
    await expect.poll(() => tasks.list().length).toBe(1);
    setTimeout(() => tasks.cancel(tasks.list()[0].id), 1500);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(tasks.list()[0].state).toBe('cancelled');
  });

  it('a pull that fails is a failed task with the explanation, and the stream fails', async () => {
    const tasks = new TaskRegistry();
    const events: StackImageProgress[] = [];
    const stack = project(`  web:\n    image: benchtop-test/not-in-any-registry-${process.pid}\n`);
    await expect(pullStackImages(await engine.client(), tasks, stack, (p) => events.push(p), new AbortController().signal)).rejects.toBeDefined();
    expect(events.map((e) => e.status)).toEqual(['pulling', 'failed']);
    expect(tasks.list()).toMatchObject([{ kind: 'pull', state: 'failed' }]);
  });
});
