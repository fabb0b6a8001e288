import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeChange } from '../../../shared/domain/volumes.ts';
import { EngineConnection } from '../engine/connection.ts';
import { createVolumeHandlers } from './handlers.ts';
import { createVolumeService } from './service.ts';

// Against the real engine: volumes and containers labelled benchtop.test=1, removed afterwards.
const engine = new EngineConnection({ env: process.env });
const service = createVolumeService(() => engine.client());
const volumes: string[] = [];
const containers: string[] = [];
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

beforeAll(async () => expect((await engine.connect()).connected).toBe(true));
const quiet = (...args: string[]) => {
  try {
    execFileSync('docker', args, { stdio: 'ignore' });
  } catch {
    // already gone
  }
};
afterAll(() => {
  for (const name of containers) quiet('rm', '-f', name);
  for (const name of volumes) quiet('volume', 'rm', '-f', name);
  engine.close();
});

describe('volumes against the real engine', () => {
  it('creates with labels, refuses a clash, lists users, refuses removing one in use, measures size', async () => {
    const name = unique('it-vol');
    volumes.push(name);
    const created = await service.create({ name, driver: 'local', labels: { 'benchtop.test': '1', team: 'ml' } });
    expect(created).toMatchObject({ name, driver: 'local', labels: { team: 'ml' }, usedBy: [], anonymous: false });
    await expect(service.create({ name, driver: 'local', labels: {} })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already exists') });

    const user = unique('it-vol-user');
    containers.push(user);
    docker('run', '-d', '--name', user, '--label', 'benchtop.test=1', '-v', `${name}:/data`, 'benchtop-test/busybox', 'sh', '-c', 'seq 1 20000 > /data/numbers; sleep 600');
    const listed = (await service.list()).find((v) => v.name === name);
    expect(listed?.usedBy.map((u) => u.name)).toEqual([user]);

    await expect(service.remove(name, false)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(user) });
    expect(docker('volume', 'ls', '-q', '--filter', `name=^${name}$`)).toBe(name);

    await new Promise((r) => setTimeout(r, 300));
    const [size] = await service.sizes([name]);
    expect(size.name).toBe(name);
    expect(size.size).toBeGreaterThan(100_000);

    docker('rm', '-f', user);
    await service.remove(name, false);
    expect(docker('volume', 'ls', '-q', '--filter', `name=^${name}$`)).toBe('');
  });

  it('streams a snapshot then the volume created and removed from a terminal', async () => {
    const handlers = createVolumeHandlers(engine, service);
    const received: VolumeChange[] = [];
    const controller = new AbortController();
    const done = handlers['volumes.changes']({}, { next: (c) => received.push(c), end: () => {} }, controller.signal);
    const waitFor = async (test: (c: VolumeChange) => boolean) => {
      for (let i = 0; i < 100 && !received.some(test); i++) await new Promise((r) => setTimeout(r, 50));
      expect(received.some(test)).toBe(true);
    };
    await waitFor((c) => c.type === 'snapshot');
    const name = unique('it-vol-live');
    volumes.push(name);
    docker('volume', 'create', '--label', 'benchtop.test=1', name);
    await waitFor((c) => c.type === 'upsert' && c.item.name === name);
    docker('volume', 'rm', name);
    await waitFor((c) => c.type === 'remove' && c.key === name);
    controller.abort();
    await done;
  });
});
