import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '../engine/connection.ts';
import { createSystemService } from './service.ts';

// Against the real engine, shared with other test runs: every prune here is narrowed by a label
// unique to this run, so only what this test made can go.
const engine = new EngineConnection({ env: process.env });
const system = createSystemService(() => engine.client(), () => engine.status().versions?.negotiatedApiVersion ?? null);
const run = `${process.pid}-${Date.now().toString(36)}`;
const label = `benchtop.test.run=${run}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const made = { containers: [] as string[], volumes: [] as string[], networks: [] as string[], images: [] as string[] };

beforeAll(async () => expect((await engine.connect()).connected).toBe(true));
afterAll(() => {
  const quiet = (...args: string[]) => {
    try {
      execFileSync('docker', args, { stdio: 'ignore' });
    } catch {
      // already gone
    }
  };
  for (const c of made.containers) quiet('rm', '-f', c);
  for (const v of made.volumes) quiet('volume', 'rm', '-f', v);
  for (const n of made.networks) quiet('network', 'rm', n);
  for (const i of made.images) quiet('image', 'rm', '-f', i);
  engine.close();
});

describe('prune against the real engine', () => {
  it('df sums every category', async () => {
    const usage = await system.df();
    expect(usage.images.count).toBeGreaterThan(0);
    expect(usage.totalSize).toBeGreaterThan(0);
  });

  it('the preview of `all` names exactly what prune then removes, and the bytes it reclaims', async () => {
    const tag = (kind: string) => `it-prune-${kind}-${run}`;
    const keptVolume = tag('kept');
    const freedVolume = tag('freed');
    const orphanVolume = tag('orphan');
    for (const v of [keptVolume, freedVolume, orphanVolume]) {
      made.volumes.push(v);
      docker('volume', 'create', '--label', 'benchtop.test=1', '--label', label, v);
    }
    const network = tag('net');
    made.networks.push(network);
    docker('network', 'create', '--label', 'benchtop.test=1', '--label', label, network);

    const running = tag('running');
    const stopped = tag('stopped');
    made.containers.push(running, stopped);
    const common = ['--label', 'benchtop.test=1', '--label', label];
    docker('run', '-d', '--name', running, ...common, '-v', `${keptVolume}:/k`, 'benchtop-test/busybox', 'sleep', '600');
    docker('run', '--name', stopped, ...common, '-v', `${freedVolume}:/f`, '--network', network, 'benchtop-test/busybox', 'sh', '-c', 'seq 1 50000 > /f/n; seq 1 30000 > /layer');
    // A dangling image of our own: built without a tag.
    const image = execFileSync('docker', ['build', '-q', '--label', label, '--label', 'benchtop.test=1', '-'], {
      input: 'FROM benchtop-test/busybox\nLABEL purpose=prune-test\n',
      encoding: 'utf8',
    }).trim();
    made.images.push(image);

    const preview = await system.prunePreview('all', [label]);
    const key = (target: string, id: string) => `${target}:${id}`;
    const expected = new Set(preview.items.map((i) => key(i.target, i.id)));
    // Building without a tag leaves the image and its untagged build steps: all go together.
    const imageItems = preview.items.filter((i) => i.target === 'images');
    expect(imageItems[0].id).toBe(image);
    for (const step of imageItems.slice(1)) expected.delete(key('images', step.id));
    expect(expected).toEqual(
      new Set([
        key('containers', docker('inspect', '-f', '{{.Id}}', stopped)),
        key('volumes', freedVolume),
        key('volumes', orphanVolume),
        key('networks', network),
        key('images', image),
      ]),
    );
    expect(preview.bytes).toBeGreaterThan(0);

    for (const step of imageItems.slice(1)) expected.add(key('images', step.id));
    const result = await system.prune('all', [label]);
    expect(new Set(result.removed.map((i) => key(i.target, i.id)))).toEqual(expected);
    expect(result.removed.find((i) => i.target === 'containers')?.name).toBe(stopped);
    // The engine counts the same layers and volume files the preview summed.
    expect(result.bytesReclaimed).toBe(preview.bytes);

    expect(docker('volume', 'ls', '-q', '--filter', `label=${label}`)).toBe(keptVolume);
    expect(docker('ps', '-aq', '--filter', `label=${label}`).split('\n')).toHaveLength(1);
  });
});
