import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { createNetworkService } from './service.ts';

// Against the real engine: networks and containers labelled benchtop.test=1, removed afterwards.
const engine = new EngineConnection({ env: process.env });
const service = createNetworkService(() => engine.client());
const networks: string[] = [];
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
  for (const name of networks) quiet('network', 'rm', name);
  engine.close();
});

describe('networks against the real engine', () => {
  it('creates with subnet and internal, refuses a clash, lists containers, refuses removing one in use or built in', async () => {
    const name = unique('it-net');
    networks.push(name);
    const subnet = `10.${200 + (process.pid % 50)}.${Math.floor(Math.random() * 250)}.0/24`;
    const created = await service.create({ name, driver: 'bridge', subnet, internal: true, labels: { 'benchtop.test': '1' } });
    expect(created).toMatchObject({ name, driver: 'bridge', scope: 'local', subnets: [subnet], internal: true, builtIn: false, containers: [] });
    await expect(service.create({ name, driver: 'bridge', internal: false, labels: {} })).rejects.toMatchObject({ code: 'conflict' });

    const user = unique('it-net-user');
    containers.push(user);
    docker('run', '-d', '--name', user, '--label', 'benchtop.test=1', '--network', name, 'benchtop-test/busybox', 'sleep', '600');
    expect((await service.list()).find((n) => n.id === created.id)?.containers.map((c) => c.name)).toEqual([user]);
    await expect(service.remove(created.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(user) });
    await expect(service.remove('bridge')).rejects.toMatchObject({ code: 'conflict' });

    docker('rm', '-f', user);
    await service.remove(created.id);
    expect((await service.list()).some((n) => n.name === name)).toBe(false);
    await expect(service.remove(created.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
