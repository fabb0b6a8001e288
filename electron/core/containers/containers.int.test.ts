import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerChange } from '../../../shared/domain/containers.ts';
import { EngineConnection } from '../engine/connection.ts';
import { streamContainerChanges } from './changes.ts';
import { createContainerService } from './service.ts';

// Against the real engine: the busybox test image, containers labelled benchtop.test=1.
const engine = new EngineConnection({ env: process.env });
const service = createContainerService(() => engine.client());
const names: string[] = [];

function run(name: string, ...extra: string[]): string {
  names.push(name);
  return execFileSync(
    'docker',
    ['run', '-d', '--name', name, '--label', 'benchtop.test=1', ...extra, 'benchtop-test/busybox', 'sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done'],
    { encoding: 'utf8' },
  ).trim();
}
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}`;

beforeAll(async () => {
  const status = await engine.connect();
  expect(status.connected).toBe(true);
});
afterAll(() => {
  for (const name of names) execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  engine.close();
});

describe('containers against the real engine', () => {
  it('lists a running container with its name, image, state, published port and compose project', async () => {
    const name = unique('it-list');
    const id = run(name, '-p', '127.0.0.1::8080', '--label', 'com.docker.compose.project=lab', '--label', 'com.docker.compose.service=api');
    const found = (await service.list(false)).find((c) => c.id === id);
    expect(found).toMatchObject({ name, image: 'benchtop-test/busybox', state: 'running', composeProject: 'lab', composeService: 'api' });
    expect(found?.status).toMatch(/^Up /);
    expect(found?.ports).toEqual([{ ip: '127.0.0.1', privatePort: 8080, publicPort: expect.any(Number), type: 'tcp' }]);
  });

  it('stops, starts, restarts and removes; repeating a stop is not an error; a missing container is not_found', async () => {
    const name = unique('it-life');
    const id = run(name);
    await service.stop(id, 5);
    expect((await service.find(id))?.state).toBe('exited');
    await service.stop(id, 5);
    await service.start(id);
    expect((await service.find(id))?.state).toBe('running');
    await service.restart(id);
    expect((await service.find(id))?.state).toBe('running');
    await expect(service.remove(id, { force: false, volumes: false })).rejects.toMatchObject({ code: 'conflict' });
    await service.remove(id, { force: true, volumes: true });
    expect(await service.find(id)).toBeNull();
    await expect(service.start(`missing-${name}`)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('streams live changes from the engine events: create, stop and remove arrive within a second each', async () => {
    const received: ContainerChange[] = [];
    const waiters: { test: (c: ContainerChange) => boolean; resolve: () => void }[] = [];
    const controller = new AbortController();
    const done = streamContainerChanges(service, engine.events, {
      next: (change) => {
        received.push(change);
        for (const waiter of waiters.splice(0)) if (waiter.test(change)) waiter.resolve(); else waiters.push(waiter);
      },
      end: () => {},
    }, controller.signal);
    const until = (test: (c: ContainerChange) => boolean) =>
      new Promise<number>((resolve, reject) => {
        const started = Date.now();
        if (received.some(test)) return resolve(0);
        const timer = setTimeout(() => reject(new Error('no such change within 1 s')), 1_000);
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve(Date.now() - started)) });
      });

    await until((c) => c.type === 'snapshot');
    const name = unique('it-live');
    const id = run(name);
    await until((c) => c.type === 'upsert' && c.item.id === id && c.item.state === 'running');
    execFileSync('docker', ['stop', name]);
    await until((c) => c.type === 'upsert' && c.item.id === id && c.item.state === 'exited');
    execFileSync('docker', ['rm', name]);
    await until((c) => c.type === 'remove' && c.key === id);

    // A container that ends by itself: its `die` comes while the engine still drains its log and
    // lists it running (engine 20.10 here); the list must still end up saying exited.
    const quick = await engine.client().then((docker) =>
      docker.createContainer({ name: unique('it-exits'), Image: 'benchtop-test/busybox', Cmd: ['seq', '1', '20000'], Labels: { 'benchtop.test': '1' } }),
    );
    names.push(quick.id);
    await quick.start();
    await until((c) => c.type === 'upsert' && c.item.id === quick.id && c.item.state === 'exited');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = received.filter((c) => c.type === 'upsert' && c.item.id === quick.id).at(-1);
    expect(last?.type === 'upsert' && last.item.state).toBe('exited');
    controller.abort();
    await done;
  });
});
