import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../shared/domain/images.ts';
import { buildImage, type BuildDeps } from './build.ts';
import { detectBuildx } from './buildx.ts';

// The buildx plugin is not installed on the test machines: a stand-in `docker` on PATH replays the
// recorded plain output (fixtures/buildx-plain-failure.txt) or a success, and records its arguments.
const bin = mkdtempSync(join(tmpdir(), 'benchtop-fake-docker-'));
const context = mkdtempSync(join(tmpdir(), 'benchtop-buildx-ctx-'));
writeFileSync(join(context, 'Dockerfile'), 'FROM benchtop-test/busybox\n');
const fixture = new URL('./fixtures/buildx-plain-failure.txt', import.meta.url).pathname;
writeFileSync(
  join(bin, 'docker'),
  `#!/bin/sh
echo "$@" > "${bin}/args"
if [ "$1 $2" = "buildx version" ]; then echo "github.com/docker/buildx v0.12.1 fake"; exit 0; fi
if [ "$MODE" = fail ]; then cat "${fixture}" >&2; exit 1; fi
if [ "$MODE" = slow ]; then echo "#1 [1/2] FROM benchtop-test/busybox" >&2; trap 'echo "#2 CANCELED" >&2; exit 130' INT; sleep 30 & echo $! > "${bin}/sleep.pid"; wait $!; exit 0; fi
while [ $# -gt 0 ]; do if [ "$1" = "--iidfile" ]; then echo "sha256:feedbeef" > "$2"; fi; shift; done
printf '#1 [1/2] FROM benchtop-test/busybox\\n#1 DONE 0.0s\\n\\n#2 [2/2] RUN echo hi\\n#2 0.2 hi\\n#2 DONE 0.3s\\n' >&2
exit 0
`,
);
chmodSync(join(bin, 'docker'), 0o755);
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
  rmSync(context, { recursive: true, force: true });
});

function deps(mode: string): BuildDeps {
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, MODE: mode };
  return { client: () => Promise.reject(new Error('the classic builder must not run')), buildx: () => detectBuildx(env), cliEnv: () => env };
}

const request = { context, dockerfile: 'Dockerfile', tags: ['acme/x:1'], buildArgs: { A: '1' }, target: 'train', builder: 'auto' as const, labels: {} };

describe('buildImage through docker buildx (stand-in CLI)', () => {
  it('detects the plugin, passes the options and reports success with the image id', async () => {
    const events: BuildEvent[] = [];
    const result = await buildImage(deps('ok'), request, (e) => events.push(e), new AbortController().signal);
    expect(events[0]).toEqual({ type: 'started', builder: 'buildx', contextFiles: 1, contextBytes: 27 });
    expect(result).toEqual({ type: 'succeeded', imageId: 'sha256:feedbeef', tags: ['acme/x:1'] });
    expect(events.flatMap((e) => (e.type === 'log' ? e.lines.map((l) => l.text) : []))).toContain('#2 0.2 hi');
    expect(readFileSync(join(bin, 'args'), 'utf8')).toMatch(/^buildx build --progress=plain --load --iidfile \S+ -f \S+\/Dockerfile -t acme\/x:1 --build-arg A=1 --target train \S+\n$/);
  });

  it('reports the failing step and its output', async () => {
    const result = await buildImage(deps('fail'), request, () => {}, new AbortController().signal);
    expect(result).toMatchObject({ type: 'failed', failedStep: '[3/3] RUN echo "loss went NaN" && exit 3', stepOutput: ['loss went NaN'] });
  });

  it('Ctrl-C / cancel interrupts the child and rejects with cancelled', async () => {
    const controller = new AbortController();
    const events: BuildEvent[] = [];
    const running = buildImage(deps('slow'), request, (e) => {
      events.push(e);
      if (e.type === 'log') controller.abort();
    }, controller.signal);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    // The stand-in ignores SIGINT in its background sleep: the group is killed 3 s later.
    const pid = Number(readFileSync(join(bin, 'sleep.pid'), 'utf8'));
    const gone = () => {
      try {
        return / Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').split(')')[1] ?? '');
      } catch {
        return true;
      }
    };
    await expect.poll(gone, { timeout: 6_000, interval: 200 }).toBe(true);
  });

  it('detectBuildx says no when the plugin is missing', async () => {
    expect(await detectBuildx({ PATH: '/nonexistent' })).toEqual({ available: false, version: null });
  });
});
