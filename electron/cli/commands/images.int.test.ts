import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app.ts';
import { runCliCaptured } from './test-support.ts';

// The real engine; images built here carry benchtop.test=1 and are removed afterwards.
let core: Core;
let home: string;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const tag = `benchtop-test/cli-${run}:1`;
const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-build-'));

const cli = (argv: string[]) => runCliCaptured(argv, { ...process.env, BENCHTOP_HOME: home });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'benchtop-cli-home-'));
  core = await createCore({ transport: 'cli', home });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM benchtop-test/busybox\nARG GREETING=none\nRUN echo "greeting=$GREETING"\nLABEL benchtop.test=1\n');
});

afterAll(async () => {
  const docker = await core.engine.client();
  await docker.getImage(tag).remove({ force: true }).catch(() => {});
  await docker.getImage(`benchtop-test/cli-${run}:2`).remove({ force: true }).catch(() => {});
  await core.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('benchtop images, build, tag, rmi, pull (real engine)', { timeout: 90_000 }, () => {
  it('builds with -t and repeated --build-arg, lists it as JSON, tags and removes it', async () => {
    const built = await cli(['build', dir, '-t', tag, '--build-arg', 'GREETING=hello', '--build-arg', 'UNUSED=1', '--classic']);
    expect(built.code).toBe(0);
    expect(built.err).toMatch(/^Building with the classic builder \(Engine API\): 1 files/);
    expect(built.out).toContain('greeting=hello');
    expect(built.out).toMatch(new RegExp(`Built [0-9a-f]{12} as ${tag.replace(/[/.]/g, '\\$&')}\\n$`));

    const listed = await cli(['images', '--json']);
    const images = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    const mine = images.find((i) => (i.repoTags as string[]).includes(tag));
    expect(Object.keys(mine ?? {}).sort()).toEqual(['containers', 'created', 'dangling', 'id', 'labels', 'parentId', 'repoDigests', 'repoTags', 'size']);

    expect((await cli(['tag', tag, `benchtop-test/cli-${run}:2`])).out).toBe(`Tagged ${tag} as benchtop-test/cli-${run}:2\n`);
    const removed = await cli(['rmi', tag]);
    expect(removed).toMatchObject({ code: 0, out: `Untagged: ${tag}\n` });
  });

  it('fails in one line that says what to do', async () => {
    const failed = await cli(['build', join(dir, 'missing')]);
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/^benchtop: The build context folder .* does not exist: check the path\.\n$/);
    const pull = await cli(['pull', `benchtop-nonexistent/cli-${run}`]);
    expect(pull.code).toBe(1);
    expect(pull.err.trim().split('\n')).toHaveLength(1);
    expect(pull.err).toMatch(/^benchtop: Could not pull benchtop-nonexistent\/cli-.*:latest: the registry docker\.io/);
    expect((await cli(['rmi', `benchtop-test/none-${run}`])).err).toBe(`benchtop: There is no image "benchtop-test/none-${run}" in the engine. Pull or build it first, or check the name.\n`);
  });
});
