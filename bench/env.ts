/**
 * Time from "up" to the environment's port answering HTTP: Benchtop's `environments.up` of the
 * busybox-HTTP test template (create, start, postStartCommand starts httpd, lockfile, app wait)
 * versus `docker run -d` of the same image serving the same folder on a port, followed by the
 * same wait, and the engine floor (bench/support/engine-floor.ts: create, start, the same exec waited
 * for, through the bare API, nothing else). Same run, alternating, median of REPETITIONS. Ends with
 * `env: ratio=R target<=1.05`.
 *
 * Where `up` spent its time (one warm round, engine calls timed): 45 ms of lookups one after the
 * other (this environment's container, the image twice, a container list for the port), create
 * 80 ms, start 0.5 s, the postStartCommand exec 0.1 s (runc exec), then the summary's list, the
 * lockfile and the app wait ~15 ms. `docker run -d` has no exec and no lookups, so they are what
 * Benchtop pays over it. Changed (issue 20): the lookups go out together (container, image, ports,
 * GPU readiness, tracking), the named image is inspected once, one container list serves every port
 * tried, the summary is read while the lifecycle commands run. One process alternating docker run
 * and `up` before and after: median ratio 1.16 → 1.02 (7 rounds, load ~18) and 1.20 → 1.11
 * (9 rounds, load ~12). What is left over `docker run` is mostly the postStartCommand's exec
 * (~0.1 s), which the devcontainer semantics require `up` to wait for.
 * Quiet machine (dockerd of our own), engine calls timed in one `up`: lookups 5 ms (together),
 * create 8 ms, start 253 ms, then the postStartCommand's exec 50 ms (runc exec; httpd forks and the
 * exec ends), the lockfile and the port 4 ms; `up` 322 ms against `docker run -d` ~265 ms: ratio
 * 1.13. The exec alone is ~0.19 of the baseline, so 1.05 needs the postStartCommand out of an exec
 * (run by the container's own entrypoint at start, with its output and exit code reported back),
 * which changes how lifecycle commands run for every template: not done (target not met).
 * A later trace of one `up` (engine requests timed): lookups 6 ms, create 11 ms, start 282 ms, the
 * exec's create and start 3 ms, its stream ending 57 ms later (runc exec; httpd forks), the exec's
 * exit code 1 ms, the lockfile 6 ms; the port answered 1 ms after `up` returned. The devcontainer CLI's
 * `up` waits for postStartCommand too (only an editor's connect may go first, `waitFor`), so `up`
 * does. Whole bench, quiet machine: 1.08 (310 vs 286 ms).
 * The floor since: 1.07, 1.18 and 1.13 of `docker run -d` in three runs (Benchtop 1.11, 1.23, 1.13);
 * 1.06 in a probe before it. The target is below what the exec that postStartCommand needs costs on
 * this engine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createComposeService } from '../electron/core/compose/service.ts';
import { EngineConnection } from '../electron/core/engine/connection.ts';
import { createEnvironmentServiceForCore } from '../electron/core/environments/create.ts';
import { waitForPort } from '../electron/core/environments/host-ports.ts';
import { GpuService } from '../electron/core/gpu/service.ts';
import { TaskRegistry } from '../electron/core/tasks/registry.ts';
import { removeContainer, startAndExecFloor } from './support/engine-floor.ts';
import { median } from './support/median.ts';

const REPETITIONS = 7;
const IMAGE = 'benchtop-test/busybox';
const root = mkdtempSync(join(tmpdir(), 'benchtop-bench-env-'));
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const engine = new EngineConnection({ env: process.env });
const environments = createEnvironmentServiceForCore({
  engine,
  compose: createComposeService({ client: () => engine.client(), events: engine.events, env: {} }),
  tasks: new TaskRegistry(),
  gpu: new GpuService({ engine, env: process.env }),
  env: { ...process.env, BENCHTOP_TEST_TEMPLATES: '1' },
});
const never = new AbortController().signal;

function folder(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<h1>bench</h1>\n');
  return dir;
}

async function benchtopUp(round: number): Promise<number> {
  const dir = folder(`benchtop-${round}`);
  const started = performance.now();
  const env = await environments.up({ folder: dir, template: 'test-busybox-http', gpu: 'auto' }, () => {}, never);
  const port = env.ports[0]?.hostPort ?? 0;
  if (!(await waitForPort(port, 30_000, never))) throw new Error(`port ${port} never answered`);
  const elapsed = performance.now() - started;
  await environments.remove(env.id);
  return elapsed;
}

async function dockerRun(round: number): Promise<number> {
  const dir = folder(`docker-${round}`);
  const port = 18000 + round;
  const name = `benchtop-bench-env-${process.pid}-${round}`;
  const started = performance.now();
  docker('run', '-d', '--name', name, '--label', 'benchtop.bench=env', '-p', `127.0.0.1:${port}:8080`, '--mount', `type=bind,source=${dir},target=/workspace`, IMAGE, 'httpd', '-f', '-p', '8080', '-h', '/workspace');
  if (!(await waitForPort(port, 30_000, never))) throw new Error(`port ${port} never answered`);
  const elapsed = performance.now() - started;
  docker('rm', '-f', name);
  return elapsed;
}

async function floorUp(round: number): Promise<number> {
  const dir = folder(`floor-${round}`);
  const port = 18500 + round;
  const { ms, id } = await startAndExecFloor(
    { image: IMAGE, folder: dir, target: '/workspace', port, containerPort: 8080, command: 'httpd -p 8080 -h /workspace', labels: { 'benchtop.bench': 'env' } },
    () => waitForPort(port, 30_000, never),
  );
  await removeContainer(id);
  return ms;
}

try {
  await benchtopUp(100);
  await dockerRun(100);
  await floorUp(100);
  const ours: number[] = [];
  const theirs: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < REPETITIONS; round++) {
    ours.push(await benchtopUp(round));
    theirs.push(await dockerRun(round));
    floor.push(await floorUp(round));
  }
  const a = median(ours);
  const b = median(theirs);
  console.log(`benchtop env up → port answers: median ${a.toFixed(0)} ms (${ours.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`docker run -d → port answers:   median ${b.toFixed(0)} ms (${theirs.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`engine floor (bare API: create, start, the postStartCommand's exec waited for; nothing else) → port answers: median ${median(floor).toFixed(0)} ms (${floor.map((v) => v.toFixed(0)).join(', ')}), ratio=${(median(floor) / b).toFixed(2)}`);
  console.log(`env: ratio=${(a / b).toFixed(2)} target<=1.05`);
} finally {
  for (const id of docker('ps', '-aq', '--filter', 'label=benchtop.bench=env').split('\n').filter(Boolean)) docker('rm', '-f', id);
  for (const id of docker('ps', '-aq', '--filter', `label=devcontainer.local_folder`).split('\n').filter(Boolean)) {
    const folderLabel = docker('inspect', '-f', '{{index .Config.Labels "devcontainer.local_folder"}}', id);
    if (folderLabel.startsWith(root)) docker('rm', '-f', id);
  }
  engine.close();
  rmSync(root, { recursive: true, force: true });
}
