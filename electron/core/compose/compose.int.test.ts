import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeProgress } from '../../../shared/domain/compose-plan.ts';
import { EngineConnection } from '../engine/connection.ts';
import { LABEL } from './labels.ts';
import { createComposeService } from './service.ts';

// Against the real engine with the local busybox image; every resource is labelled benchtop.test=1.
const engine = new EngineConnection({ env: process.env });
const compose = createComposeService({ client: () => engine.client(), events: engine.events, env: {} });
const dir = mkdtempSync(join(tmpdir(), 'benchtop-compose-it-'));
const project = `bt-it-${process.pid}-${Date.now().toString(36)}`;
const otherProject = `${project}-v1`;
const cancelProject = `${project}-cancel`;

const LOOP = 'trap "exit 0" TERM; while true; do sleep 1 & wait $$!; done';
const stack = `
services:
  db:
    image: benchtop-test/busybox
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1; touch /ready; while true; do sleep 1 & wait $$!; done"]
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 300ms
      retries: 20
    volumes: [data:/data]
    labels: { benchtop.test: "1" }
  init:
    image: benchtop-test/busybox
    command: ["sh", "-c", "echo migrated"]
    labels: { benchtop.test: "1" }
  web:
    image: benchtop-test/busybox
    command: ["sh", "-c", '${LOOP}']
    environment: { MODE: "\${MODE:-first}" }
    depends_on:
      db: { condition: service_healthy }
      init: { condition: service_completed_successfully }
    labels: { benchtop.test: "1" }
volumes:
  data:
    labels: { benchtop.test: "1" }
networks:
  default:
    labels: { benchtop.test: "1" }
`;
const file = join(dir, 'compose.yaml');
writeFileSync(file, stack);

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
function ids(name: string): string[] {
  return docker('ps', '-aq', '--no-trunc', '--filter', `label=${LABEL.project}=${name}`).split('\n').filter(Boolean).sort();
}
async function up(files: string[] = [file]): Promise<ComposeProgress[]> {
  const events: ComposeProgress[] = [];
  await compose.up({ files, projectName: project }, (p) => events.push(p), new AbortController().signal);
  return events;
}
const statusOf = (events: ComposeProgress[], service: string, status: string) =>
  events.findIndex((e) => e.type === 'resource' && e.service === service && e.status === status);

beforeAll(async () => {
  expect((await engine.connect()).connected).toBe(true);
});
afterAll(() => {
  for (const name of [project, otherProject, cancelProject]) {
    for (const id of ids(name)) execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    execFileSync('sh', ['-c', `docker network ls -q --filter label=${LABEL.project}=${name} | xargs -r docker network rm; docker volume ls -q --filter label=${LABEL.project}=${name} | xargs -r docker volume rm`], { stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
  engine.close();
});

// A loaded machine starts a busybox container in seconds, not milliseconds: generous timeouts.
describe('compose up and down against the real engine', { timeout: 90_000 }, () => {
  it('comes up in dependency order: web waits for db healthy and init completed', async () => {
    const events = await up();
    expect(statusOf(events, 'db', 'healthy')).toBeGreaterThan(-1);
    expect(statusOf(events, 'init', 'exited')).toBeGreaterThan(-1);
    expect(statusOf(events, 'web', 'creating')).toBeGreaterThan(statusOf(events, 'db', 'healthy'));
    expect(statusOf(events, 'web', 'creating')).toBeGreaterThan(statusOf(events, 'init', 'exited'));
    expect(events.at(-1)).toMatchObject({ type: 'done', project });
    const inspect = JSON.parse(docker('inspect', `${project}-web-1`))[0];
    expect(inspect.State.Running).toBe(true);
    expect(inspect.Config.Env).toContain('MODE=first');
  });

  it('writes the full Compose v2 label set on containers, and no config-hash on networks or volumes', () => {
    const labels = JSON.parse(docker('inspect', `${project}-web-1`))[0].Config.Labels as Record<string, string>;
    expect(labels).toMatchObject({
      [LABEL.project]: project,
      [LABEL.service]: 'web',
      [LABEL.containerNumber]: '1',
      [LABEL.oneoff]: 'False',
      [LABEL.workingDir]: dir,
      [LABEL.configFiles]: file,
      [LABEL.dependsOn]: 'db:service_healthy:false,init:service_completed_successfully:false',
      'benchtop.test': '1',
    });
    expect(labels[LABEL.configHash]).toMatch(/^[0-9a-f]{64}$/);
    expect(labels[LABEL.image]).toMatch(/^sha256:/);
    expect(labels[LABEL.version]).toBeTruthy();
    const volume = JSON.parse(docker('volume', 'inspect', `${project}_data`))[0].Labels;
    expect(volume).toMatchObject({ [LABEL.project]: project, [LABEL.volume]: 'data', 'benchtop.test': '1' });
    expect(volume[LABEL.configHash]).toBeUndefined();
    const network = JSON.parse(docker('network', 'inspect', `${project}_default`))[0];
    expect(network.Labels).toMatchObject({ [LABEL.project]: project, [LABEL.network]: 'default' });
    expect(network.Labels[LABEL.configHash]).toBeUndefined();
    expect(Object.values(network.Containers as Record<string, { Name: string }>).map((c) => c.Name).sort()).toEqual([`${project}-db-1`, `${project}-web-1`]);
  });

  it('a second up with no change recreates nothing', async () => {
    const before = ids(project);
    const plan = await compose.plan({ files: [file], projectName: project });
    expect(plan.steps.filter((s) => s.kind === 'container').map((s) => [s.service, s.action])).toEqual([
      ['db', 'keep'],
      ['init', 'start'],
      ['web', 'keep'],
    ]);
    const events = await up();
    expect(events.filter((e) => e.type === 'resource' && ['creating', 'recreating', 'removing'].includes(e.status))).toEqual([]);
    expect(ids(project)).toEqual(before);
  });

  it('scale web to 2 and back: the extra replica is created, then removed; web-1 and db are kept; restartService restarts only web', async () => {
    const web1 = docker('inspect', '-f', '{{.Id}}', `${project}-web-1`);
    const db1 = docker('inspect', '-f', '{{.Id}}', `${project}-db-1`);
    const scale = async (replicas: number) => {
      const events: ComposeProgress[] = [];
      await compose.scale({ files: [file], projectName: project }, 'web', replicas, (p) => events.push(p), new AbortController().signal);
      return events;
    };
    await scale(2);
    expect(docker('inspect', '-f', '{{.State.Running}}', `${project}-web-2`)).toBe('true');
    expect(docker('inspect', '-f', '{{.Id}}', `${project}-web-1`)).toBe(web1);
    const back = await scale(1);
    expect(back.filter((e) => e.type === 'resource' && e.status === 'removed').map((e) => (e.type === 'resource' ? e.name : null))).toEqual([`${project}-web-2`]);
    expect(() => docker('inspect', `${project}-web-2`)).toThrow();
    expect(docker('inspect', '-f', '{{.Id}}', `${project}-db-1`)).toBe(db1);
    await expect(compose.scale({ files: [file], projectName: project }, 'nope', 1, () => {}, new AbortController().signal)).rejects.toMatchObject({ code: 'invalid_input' });

    const dbStarted = docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-db-1`);
    const webStarted = docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-web-1`);
    expect(await compose.act(project, 'restart', 'web')).toBe(1);
    expect(docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-web-1`)).not.toBe(webStarted);
    expect(docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-db-1`)).toBe(dbStarted);
  });

  it('a changed service is recreated, and only that one', async () => {
    const dbBefore = docker('inspect', '-f', '{{.Id}}', `${project}-db-1`);
    const webBefore = docker('inspect', '-f', '{{.Id}}', `${project}-web-1`);
    const override = join(dir, 'override.yaml');
    writeFileSync(override, 'services:\n  web:\n    environment:\n      MODE: second\n');
    const plan = await compose.plan({ files: [file, override], projectName: project });
    expect(plan.steps.find((s) => s.service === 'web')).toMatchObject({ action: 'recreate', reason: 'the configuration changed' });
    const events = await up([file, override]);
    expect(events.filter((e) => e.type === 'resource' && e.status === 'recreating').map((e) => (e.type === 'resource' ? e.service : null))).toEqual(['web']);
    expect(docker('inspect', '-f', '{{.Id}}', `${project}-db-1`)).toBe(dbBefore);
    expect(docker('inspect', '-f', '{{.Id}}', `${project}-web-1`)).not.toBe(webBefore);
    expect(docker('inspect', '-f', '{{json .Config.Env}}', `${project}-web-1`)).toContain('MODE=second');
  });

  it("Debian's docker-compose 1.29.2 lists our containers (docker-compose -p NAME ps)", () => {
    const output = execFileSync('docker-compose', ['-p', project, 'ps'], { cwd: dir, encoding: 'utf8', env: { ...process.env, COMPOSE_FILE: file } });
    expect(output).toContain(`${project}-db-1`);
    expect(output).toContain(`${project}-web-1`);
    expect(output).toMatch(/healthy/);
  });

  it('a stack docker-compose started shows in our stacks, and our down removes exactly it', async () => {
    const otherDir = mkdtempSync(join(dir, 'v1-'));
    writeFileSync(join(otherDir, 'docker-compose.yml'), `services:\n  worker:\n    image: benchtop-test/busybox\n    command: ["sh", "-c", '${LOOP}']\n    labels: { benchtop.test: "1" }\n`);
    execFileSync('docker-compose', ['-p', otherProject, 'up', '-d'], { cwd: otherDir, stdio: 'ignore' });
    const stacks = await compose.stacks();
    const theirs = stacks.find((s) => s.project === otherProject);
    expect(theirs).toMatchObject({ services: ['worker'], state: 'running' });
    expect(theirs?.containers[0]).toMatchObject({ service: 'worker', number: 1, state: 'running' });
    expect(stacks.find((s) => s.project === project)?.services).toEqual(['db', 'init', 'web']);

    await compose.down(otherProject, false, () => {}, new AbortController().signal);
    expect(ids(otherProject)).toEqual([]);
    expect(docker('network', 'ls', '-q', '--filter', `label=${LABEL.project}=${otherProject}`)).toBe('');
    expect(ids(project)).toHaveLength(3);
  });

  it('down removes exactly what the project owns; volumes only when asked', async () => {
    const untouched = docker('run', '-d', '--label', 'benchtop.test=1', '--label', `${LABEL.project}-not=${project}`, 'benchtop-test/busybox', 'sleep', '30');
    try {
      const events: ComposeProgress[] = [];
      await compose.down(project, false, (p) => events.push(p), new AbortController().signal);
      // web goes before what it depends on.
      expect(events.findIndex((e) => e.type === 'resource' && e.service === 'web' && e.status === 'removed')).toBeLessThan(
        events.findIndex((e) => e.type === 'resource' && e.service === 'db' && e.status === 'stopping'),
      );
      expect(ids(project)).toEqual([]);
      expect(docker('network', 'ls', '-q', '--filter', `label=${LABEL.project}=${project}`)).toBe('');
      expect(docker('volume', 'ls', '-q', '--filter', `label=${LABEL.project}=${project}`)).toBe(`${project}_data`);
      expect(docker('inspect', '-f', '{{.State.Running}}', untouched)).toBe('true');

      await up();
      await compose.down(project, true, () => {}, new AbortController().signal);
      expect(docker('volume', 'ls', '-q', '--filter', `label=${LABEL.project}=${project}`)).toBe('');
    } finally {
      docker('rm', '-f', untouched);
    }
  });

  it('a file with a problem changes nothing on the engine', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'services:\n  web:\n    image: benchtop-test/busybox\n    depends_on: [nope]\n');
    await expect(compose.up({ files: [bad], projectName: project }, () => {}, new AbortController().signal)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/bad\.yaml:4:5: service "web" depends on "nope"/),
    });
    expect(ids(project)).toEqual([]);
  });

  it('an image that is not here and cannot be pulled stops up before anything is made, with the registry\'s answer (the one pull, images/pull.ts)', async () => {
    const missing = join(dir, 'missing.yaml');
    const image = `localhost:1/benchtop-missing-${process.pid}:1`;
    writeFileSync(missing, `services:\n  web:\n    image: ${image}\n    labels: { benchtop.test: "1" }\n`);
    const events: ComposeProgress[] = [];
    await expect(compose.up({ files: [missing], projectName: project }, (p) => events.push(p), new AbortController().signal)).rejects.toMatchObject({
      code: 'engine_error',
      message: expect.stringMatching(new RegExp(`^Image ${image.replace(/[.:/]/g, '\\$&')} is not on the engine and could not be pulled \\(Could not pull .*: the registry localhost:1 is unreachable from the Docker engine\\. .*\\)\\. Pull or load it, then run up again\\.$`)),
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'resource', name: image, status: 'pulling' }));
    expect(ids(project)).toEqual([]);
  });

  it('up can be cancelled while it waits for a dependency, and stops promptly', async () => {
    const waiting = join(dir, 'waiting.yaml');
    writeFileSync(
      waiting,
      `services:\n  never:\n    image: benchtop-test/busybox\n    command: ["sh", "-c", '${LOOP}']\n    healthcheck: { test: ["CMD", "test", "-f", "/never"], interval: 1s, retries: 1000 }\n    labels: { benchtop.test: "1" }\n  web:\n    image: benchtop-test/busybox\n    depends_on: { never: { condition: service_healthy } }\n    labels: { benchtop.test: "1" }\n`,
    );
    const controller = new AbortController();
    let abortedAt = 0;
    const run = compose.up({ files: [waiting], projectName: cancelProject }, (p) => {
      if (p.type === 'resource' && p.status === 'waiting') {
        abortedAt = Date.now();
        controller.abort();
      }
    }, controller.signal);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(docker('ps', '-a', '--format', '{{.Names}}', '--filter', `label=${LABEL.project}=${cancelProject}`)).toBe(`${cancelProject}-never-1`);
  });
});
