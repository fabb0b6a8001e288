import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './test-support.ts';

// The real engine; the environment's container is found by its folder label and removed afterwards.
const home = mkdtempSync(join(tmpdir(), 'benchtop-cli-env-home-'));
const root = mkdtempSync(join(tmpdir(), 'benchtop-cli-env-'));
const folder = join(root, `proj-${Date.now().toString(36)}`);

const cli = (argv: string[]) => runCliCaptured(argv, { ...process.env, BENCHTOP_HOME: home, PWD: root });

afterAll(() => {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=devcontainer.local_folder=${folder}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const id of ids) execFileSync('docker', ['rm', '-f', id]);
  rmSync(root, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('benchtop env', () => {
  it('up, ls --json, open, down, reproduce; bad input exits 2 with one line', async () => {
    mkdirSync(join(folder, '.devcontainer'), { recursive: true });
    writeFileSync(join(folder, '.devcontainer', 'devcontainer.json'), '{ "name": "cli-env", "image": "benchtop-test/busybox", "appPort": [0], }');
    const bad = await cli(['env', 'up', folder]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`benchtop: ${join(folder, '.devcontainer', 'devcontainer.json')}:1:68: appPort: port 0 is not between 1 and 65535\n`);

    writeFileSync(join(folder, '.devcontainer', 'devcontainer.json'), '{ "name": "cli-env", "image": "benchtop-test/busybox", "postCreateCommand": "echo hi > hi.txt" }');
    const up = await cli(['env', 'up', folder]);
    expect(up.err).toContain("Running postCreateCommand");
    expect(up.code).toBe(0);
    expect(up.err).toContain('Running postCreateCommand');
    expect(up.out).toMatch(/^cli-env is running \(benchtop-env-proj-[a-z0-9]+-[0-9a-f]{6}\)\n$/);

    const ls = await cli(['env', 'ls', '--json']);
    const list = JSON.parse(ls.out) as { id: string; name: string; state: string; localFolder: string; lockFile: string }[];
    const mine = list.find((e) => e.localFolder === folder);
    expect(mine).toMatchObject({ name: 'cli-env', state: 'running', lockFile: join(folder, '.devcontainer', 'benchtop.lock.json') });

    const open = await cli(['env', 'open', folder]);
    expect(open.code).toBe(1);
    expect(open.err).toBe('benchtop: cli-env publishes no port.\n');

    const down = await cli(['env', 'down', mine?.id ?? '']);
    expect(down.out).toBe('Removed 1 container; the folder and its lockfile stay.\n');
    expect((await cli(['env', 'ls', '--json'])).out).not.toContain(folder);

    const again = await cli(['env', 'reproduce', join(folder, '.devcontainer', 'benchtop.lock.json'), '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ name: 'cli-env', state: 'running', localFolder: folder });

    const missing = await cli(['env', 'stop', 'no-such-env']);
    expect(missing).toMatchObject({ code: 1, err: 'benchtop: There is no environment "no-such-env": benchtop env ls lists them.\n' });
    expect((await cli(['env'])).code).toBe(2);
  });
});
