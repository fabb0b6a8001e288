import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFailingEngineProxy, type FailingEngineProxy } from '../../core/engine/failing-engine-proxy.ts';
import { runCliCaptured } from './test-support.ts';

// Partial failures degrade: the real engine answers everything except its system df (the probe
// that walks every layer and volume, and the one that times out on a big machine), which a socket
// in front of it fails as the engine does (HTTP 500 with its message). `df` and `volumes --size`
// keep what the other probes gave, exit 0, warn on stderr and carry `warnings` in --json.
const home = mkdtempSync(join(tmpdir(), 'benchtop-partial-'));
const volume = `bt-partial-${Date.now().toString(36)}`;
let proxy: FailingEngineProxy;

beforeAll(async () => {
  execFileSync('docker', ['volume', 'create', '--label', 'benchtop.test=1', volume], { stdio: 'ignore' });
  proxy = await startFailingEngineProxy(/\/system\/df$/);
});

afterAll(async () => {
  await proxy?.close();
  execFileSync('docker', ['volume', 'rm', '-f', volume], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
});

const env = () => ({ ...process.env, DOCKER_HOST: proxy.host, BENCHTOP_HOME: home });

describe('listings when one probe fails', () => {
  it('benchtop volumes --size: the list stands, sizes unknown, a warning naming the size probe; --json is { volumes, warnings }', async () => {
    const json = await runCliCaptured(['volumes', '--size', '--json'], env());
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.out) as { volumes: { name: string; size: number | null }[]; warnings: string[] };
    expect(answer.volumes.find((v) => v.name === volume)).toMatchObject({ name: volume, size: null });
    expect(answer.warnings).toHaveLength(1);
    expect(answer.warnings[0]).toMatch(/^volume sizes unknown: .*context deadline exceeded/);
    expect(json.err).toContain(`warning: ${answer.warnings[0]}`);
    const text = await runCliCaptured(['volumes', '--size'], env());
    expect(text.code).toBe(0);
    expect(text.out).toMatch(new RegExp(`${volume}\\s+local\\s+-\\s+\\S+`));
    expect(text.err).toMatch(/^warning: volume sizes unknown: /m);
    // Without a failure the shape is the same, with no warning.
    const fine = await runCliCaptured(['volumes', '--json'], { ...process.env, BENCHTOP_HOME: home });
    expect(JSON.parse(fine.out)).toMatchObject({ warnings: [] });
    expect(fine.err).toBe('');
  });

  it('benchtop df: the counts stand, sizes unknown, a warning naming the engine df; --json carries unmeasured and warnings', async () => {
    const json = await runCliCaptured(['df', '--json'], env());
    expect(json.code).toBe(0);
    const usage = JSON.parse(json.out) as { volumes: { count: number }; images: { count: number }; unmeasured: string[]; warnings: string[] };
    expect(usage.volumes.count).toBeGreaterThanOrEqual(1);
    expect(usage.images.count).toBeGreaterThanOrEqual(1);
    expect(usage.unmeasured).toEqual(['images', 'containers', 'volumes', 'buildCache']);
    expect(usage.warnings).toEqual([expect.stringMatching(/^disk usage sizes \(the engine's system df\) unknown: .*context deadline exceeded/)]);
    expect(json.err).toContain(`warning: ${usage.warnings[0]}`);
    const text = await runCliCaptured(['df'], env());
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Local volumes\s+\d+\s+\d+\s+unknown\s+unknown/);
    expect(proxy.failed.length).toBeGreaterThanOrEqual(2);
    const fine = JSON.parse((await runCliCaptured(['df', '--json'], { ...process.env, BENCHTOP_HOME: home })).out) as { unmeasured: string[]; warnings: string[] };
    expect(fine).toMatchObject({ unmeasured: [], warnings: [] });
  });
});
