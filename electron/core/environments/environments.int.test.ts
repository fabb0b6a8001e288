import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../../shared/api/errors.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import { composeLockfileSchema, lockfileSchema } from '../../../shared/environments/lockfile.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import { createComposeService } from '../compose/service.ts';
import { EngineConnection } from '../engine/connection.ts';
import { GpuService } from '../gpu/service.ts';
import { TaskRegistry } from '../tasks/registry.ts';
import { createEnvironmentServiceForCore } from './create.ts';
import { readLockfile } from './lockfile-io.ts';
import type { EnvironmentService } from './service.ts';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const inspect = (name: string) => JSON.parse(docker('inspect', name))[0] as { Id: string; Image: string; State: { Running: boolean }; Config: { Env: string[]; Labels: Record<string, string> }; Mounts: { Type: string; Name?: string; Destination: string }[]; NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[] | null> } };

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const root = mkdtempSync(join(tmpdir(), 'benchtop-env-int-'));
const engine = new EngineConnection({ env: process.env });
let service: EnvironmentService;
const folders: string[] = [];

function project(name: string, config: object, files: Record<string, string> = {}): string {
  const folder = join(root, `${name}-${stamp}`);
  mkdirSync(join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(join(folder, '.devcontainer', 'devcontainer.json'), `// test config\n${JSON.stringify(config, null, 2).replace(/\n}$/, ',\n}')}\n`);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, '.devcontainer', file), text);
  folders.push(folder);
  return folder;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function labelled(folder: string): string[] {
  return docker('ps', '-aq', '--filter', `label=${DEVCONTAINER_LABEL.localFolder}=${folder}`).split('\n').filter(Boolean);
}

async function up(folder: string, events: EnvironmentProgress[] = []) {
  return service.up({ folder, gpu: 'auto' }, (p) => events.push(p), new AbortController().signal);
}

async function failure(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

beforeAll(() => {
  const tasks = new TaskRegistry();
  const compose = createComposeService({ client: () => engine.client(), events: engine.events, env: process.env });
  service = createEnvironmentServiceForCore({ engine, compose, tasks, gpu: new GpuService({ engine, env: process.env }), env: { ...process.env, BENCHTOP_TEST_TEMPLATES: '1' } });
});

afterAll(() => {
  for (const folder of folders) for (const id of labelled(folder)) docker('rm', '-f', id);
  for (const image of docker('images', '-q', '--filter', `reference=benchtop-env/*-${stamp}*`).split('\n').filter(Boolean)) docker('rmi', '-f', image);
  const composeProject = `compose-${stamp}_devcontainer`;
  for (const id of docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${composeProject}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  for (const id of docker('network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${composeProject}`).split('\n').filter(Boolean)) docker('network', 'rm', id);
  for (const image of docker('images', '-q', `${composeProject}-helper`).split('\n').filter(Boolean)) docker('rmi', '-f', image);
  try {
    docker('volume', 'rm', '-f', `benchtop-int-cache-${stamp}`);
  } catch {
    // already gone
  }
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('environments on the real engine', () => {
  it('an image config with mounts, env, forwardPorts and postCreateCommand comes up; labels and lockfile are right; reproduce gives the same image', async () => {
    const port = await freePort();
    const folder = project('image', {
      name: `busybox-${stamp}`,
      image: 'benchtop-test/busybox',
      containerEnv: { GREETING: 'hello from env' },
      mounts: [`source=benchtop-int-cache-${stamp},target=/cache`],
      forwardPorts: [port],
      postCreateCommand: 'echo "$(id -u) made" > "$PWD/made-by-post-create.txt" && echo "$GREETING" > /cache/greeting',
      postStartCommand: ['sh', '-c', 'httpd -p ' + port + ' -h /workspaces/' + `image-${stamp}`],
    });
    const events: EnvironmentProgress[] = [];
    const summary = await up(folder, events);
    expect(summary.state).toBe('running');
    expect(summary.kind).toBe('image');
    expect(readFileSync(join(folder, 'made-by-post-create.txt'), 'utf8')).toBe('0 made\n');
    const info = inspect(summary.containerId);
    expect(info.Config.Env).toContain('GREETING=hello from env');
    expect(info.Config.Labels[DEVCONTAINER_LABEL.localFolder]).toBe(folder);
    expect(info.Config.Labels[DEVCONTAINER_LABEL.configFile]).toBe(join(folder, '.devcontainer', 'devcontainer.json'));
    const metadata = JSON.parse(info.Config.Labels[DEVCONTAINER_LABEL.metadata]) as Record<string, unknown>[];
    expect(metadata.at(-1)).toMatchObject({ containerEnv: { GREETING: 'hello from env' }, forwardPorts: [port] });
    expect(info.Config.Labels[ENV_LABEL.id]).toBe(summary.id);
    expect(info.Mounts.find((m) => m.Destination === '/cache')?.Name).toBe(`benchtop-int-cache-${stamp}`);
    expect(docker('exec', summary.containerId, 'cat', '/cache/greeting')).toBe('hello from env');
    expect(info.NetworkSettings.Ports[`${port}/tcp`]).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    const page = await fetch(`http://127.0.0.1:${port}/made-by-post-create.txt`);
    expect(await page.text()).toBe('0 made\n');
    expect(events.map((e) => (e.type === 'step' ? e.message : '')).filter(Boolean)).toEqual(expect.arrayContaining(['Running postCreateCommand', 'Running postStartCommand']));

    const lockFile = join(folder, '.devcontainer', 'benchtop.lock.json');
    const lock = lockfileSchema.parse(JSON.parse(readFileSync(lockFile, 'utf8')));
    expect(lock.image.id).toBe(info.Image);
    expect(lock.source).toBe('devcontainer.json');
    expect(lock.resolved.mounts[0]).toEqual({ type: 'bind', source: '${localWorkspaceFolder}', target: `/workspaces/image-${stamp}`, readOnly: false });
    expect(lock.createdBy).toMatch(/^benchtop \d/);

    // Up again while running: the same container is kept.
    expect((await up(folder)).containerId).toBe(summary.containerId);

    await service.remove(summary.id);
    expect(labelled(folder)).toEqual([]);
    const again = await service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal);
    expect(inspect(again.containerId).Image).toBe(lock.image.id);
    expect(readFileSync(lockFile, 'utf8')).toBe(JSON.stringify(lock, null, 2) + '\n');

    const exported = await service.exportTo(again.id, 'devcontainer', join(folder, 'exported.json'), false);
    expect(JSON.parse(exported.text)).toMatchObject({ image: 'benchtop-test/busybox', containerEnv: { GREETING: 'hello from env' }, postCreateCommand: expect.stringContaining('made-by-post-create') });
    const compose = await service.exportTo(again.id, 'compose', join(folder, 'compose.yaml'), false);
    expect(compose.text).toContain('image: benchtop-test/busybox');

    const stopped = await service.stop(again.id);
    expect(stopped.state).toBe('exited');
    const restarted = await service.start(again.id);
    expect(restarted.state).toBe('running');
    expect((await fetch(`http://127.0.0.1:${port}/made-by-post-create.txt`)).status).toBe(200);
  });

  it('a Dockerfile config builds FROM the busybox image, and a port already taken is refused naming the holder, leaving nothing', async () => {
    const folder = project(
      'build',
      { name: `built-${stamp}`, build: { dockerfile: 'Dockerfile', args: { WORD: 'built-arg' } }, postCreateCommand: 'cat /built > made.txt' },
      { Dockerfile: 'FROM benchtop-test/busybox\nARG WORD\nRUN echo "$WORD" > /built\n' },
    );
    const summary = await up(folder);
    expect(readFileSync(join(folder, 'made.txt'), 'utf8')).toBe('built-arg\n');
    const tag = summary.image;
    expect(tag).toMatch(new RegExp(`^benchtop-env/built-${stamp}-[0-9a-f]{6}:latest$`));
    const lock = lockfileSchema.parse(JSON.parse(readFileSync(join(folder, '.devcontainer', 'benchtop.lock.json'), 'utf8')));
    expect(lock.image.built).toBe(true);
    expect(lock.image.id).toBe(inspect(summary.containerId).Image);
    await service.remove(summary.id);

    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const clash = project('clash', { image: 'benchtop-test/busybox', forwardPorts: [taken] });
      const error = await failure(() => up(clash));
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(new RegExp(`^Host port ${taken} \\(forwardPorts ${taken}\\) is already taken by process ${process.pid} \\(.*node`));
      expect(labelled(clash)).toEqual([]);
      expect(existsSync(join(clash, '.devcontainer', 'benchtop.lock.json'))).toBe(false);
    } finally {
      holder.close();
    }
  });

  it('a failing postCreateCommand removes the container and the newly built image, and writes no lockfile', async () => {
    const folder = project(
      'fails',
      { name: `fails-${stamp}`, build: { dockerfile: 'Dockerfile' }, postCreateCommand: 'echo about to fail; exit 3' },
      { Dockerfile: 'FROM benchtop-test/busybox\nRUN echo x > /x\n' },
    );
    const error = await failure(() => up(folder));
    expect(error.message).toMatch(/^postCreateCommand failed \(exit code 3\): echo about to fail; exit 3\nabout to fail/);
    expect(labelled(folder)).toEqual([]);
    expect(docker('images', '-q', `benchtop-env/fails-${stamp}-*`)).toBe('');
    expect(existsSync(join(folder, '.devcontainer', 'benchtop.lock.json'))).toBe(false);
  });

  it('says which file is missing or broken', async () => {
    const missing = project('missing', { build: { dockerfile: 'Nope.Dockerfile' } });
    expect((await failure(() => up(missing))).message).toBe(
      `The Dockerfile ${join(missing, '.devcontainer', 'Nope.Dockerfile')} named by "build.dockerfile" does not exist: fix the path (it is relative to the devcontainer.json).`,
    );
    const broken = join(root, `broken-${stamp}`);
    mkdirSync(join(broken, '.devcontainer'), { recursive: true });
    folders.push(broken);
    writeFileSync(join(broken, '.devcontainer', 'devcontainer.json'), '{\n  "image": "benchtop-test/busybox",\n  "runArgs": ["--foo"],\n}\n');
    expect((await failure(() => up(broken))).message).toMatch(new RegExp(`^${join(broken, '.devcontainer', 'devcontainer.json')}:3:15: runArgs: Benchtop does not support the docker run flag --foo`));
    const noImage = project('no-image', { image: `benchtop-test/not-here-${stamp}` });
    const error = await failure(() => up(noImage));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(`The image benchtop-test/not-here-${stamp} is not on this machine and could not be pulled`);
    expect(labelled(noImage)).toEqual([]);
  });

  it('the test template serves the folder with its token in the app URL', async () => {
    const folder = join(root, `template-${stamp}`);
    mkdirSync(folder);
    folders.push(folder);
    writeFileSync(join(folder, 'index.html'), '<h1>served by the template</h1>\n');
    const summary = await service.up({ folder, template: 'test-busybox-http', gpu: 'auto' }, () => {}, new AbortController().signal);
    expect(summary.kind).toBe('template');
    expect(summary.app?.url).toMatch(/^http:\/\/localhost:\d+\/\?token=[0-9a-f]{48}$/);
    const body = await (await fetch(summary.app?.url?.replace('localhost', '127.0.0.1') ?? '')).text();
    expect(body).toBe('<h1>served by the template</h1>\n');
    const token = summary.app?.url?.split('token=')[1];
    expect(inspect(summary.containerId).Config.Env).toContain(`APP_TOKEN=${token}`);
    const lock = lockfileSchema.parse(JSON.parse(readFileSync(join(folder, 'benchtop.lock.json'), 'utf8')));
    expect(lock.source).toBe('template:test-busybox-http@1.0.0');
    expect(JSON.stringify(lock)).not.toContain(token);
  });

  it('the dockerComposeFile variant goes up through the compose engine with the devcontainer labels and a lockfile; reproduce gives the same image IDs; export writes a compose.yaml', async () => {
    const composeProject = `compose-${stamp}_devcontainer`;
    const folder = project(
      'compose',
      { name: `composed-${stamp}`, dockerComposeFile: 'compose.yml', service: 'app', runServices: ['app'], workspaceFolder: '/work', overrideCommand: true, containerEnv: { FROM_CONFIG: 'yes', PRICE: '$5' }, postCreateCommand: 'echo "$FROM_CONFIG" > /work/compose-made.txt' },
      {
        'compose.yml':
          'services:\n  app:\n    image: benchtop-test/busybox\n    volumes:\n      - ..:/work\n    depends_on: [helper]\n  helper:\n    build: {context: ., dockerfile: Helper.Dockerfile}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n  other:\n    image: benchtop-test/busybox\n    command: ["sleep", "600"]\n',
        'Helper.Dockerfile': 'FROM benchtop-test/busybox\nRUN echo helper > /helper\n',
      },
    );
    const lockFile = join(folder, '.devcontainer', 'benchtop.lock.json');
    const events: EnvironmentProgress[] = [];
    const summary = await up(folder, events);
    expect(summary.kind).toBe('compose');
    expect(summary.composeProject).toBe(composeProject);
    expect(summary.lockFile).toBe(lockFile);
    expect(events.find((e) => e.type === 'ready')).toMatchObject({ lockFile });
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
    expect(readFileSync(join(folder, 'compose-made.txt'), 'utf8')).toBe('yes\n');
    const info = inspect(summary.containerId);
    expect(info.Config.Labels).toMatchObject({
      [DEVCONTAINER_LABEL.localFolder]: folder,
      [DEVCONTAINER_LABEL.configFile]: join(folder, '.devcontainer', 'devcontainer.json'),
      [ENV_LABEL.lockFile]: lockFile,
      'com.docker.compose.project': composeProject,
      'com.docker.compose.service': 'app',
    });
    const projectContainers = () => docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${composeProject}`).split('\n').filter(Boolean);
    const serviceImage = (name: string) => docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${composeProject}`, '--filter', `label=com.docker.compose.service=${name}`).split('\n').filter(Boolean).map((id) => inspect(id).Image);
    expect(projectContainers()).toHaveLength(2);

    const text = readFileSync(lockFile, 'utf8');
    const lock = composeLockfileSchema.parse(JSON.parse(text));
    expect(lock).toMatchObject({ lockfileVersion: 1, kind: 'compose', source: 'devcontainer.json', createdBy: expect.stringMatching(/^benchtop \d/) });
    expect(Object.keys(lock.project.services).sort()).toEqual(['app', 'helper']);
    expect(lock.project.name).toBe(composeProject);
    expect(lock.project.services.app.mounts[0]).toMatchObject({ type: 'bind', source: '${localWorkspaceFolder}', target: '/work' });
    expect(lock.project.workingDir).toBe('${localWorkspaceFolder}/.devcontainer');
    expect(lock.images.app).toMatchObject({ reference: 'benchtop-test/busybox', id: info.Image, repoDigests: [], built: false });
    expect(lock.images.helper).toMatchObject({ reference: `${composeProject}-helper`, id: serviceImage('helper')[0], built: true });
    expect(lock.devcontainer).toMatchObject({ service: 'app', runServices: ['app'], workspaceFolder: '/work', overrideCommand: true, containerEnv: { FROM_CONFIG: 'yes', PRICE: '$5' }, gpu: { from: 'none' } });
    expect(lock.devcontainer.lifecycle.postCreateCommand).toEqual({ kind: 'shell', command: 'echo "$FROM_CONFIG" > /work/compose-made.txt' });
    expect(lock.gpu).toEqual({ requested: 'none', deviceRequests: [], readiness: null });
    expect(text).not.toContain(folder);

    // Reproduce after the stack is gone: the same image IDs, the lockfile untouched.
    expect(await service.remove(summary.id)).toBeGreaterThan(0);
    expect(projectContainers()).toEqual([]);
    rmSync(join(folder, 'compose-made.txt'));
    const again = await service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal);
    expect(again.kind).toBe('compose');
    expect(serviceImage('app')).toEqual([lock.images.app.id]);
    expect(serviceImage('helper')).toEqual([lock.images.helper.id]);
    expect(inspect(again.containerId).Config.Env).toContain('PRICE=$5');
    expect(readFileSync(join(folder, 'compose-made.txt'), 'utf8')).toBe('yes\n');
    expect(readFileSync(lockFile, 'utf8')).toBe(text);

    // Export: a compose.yaml that docker-compose accepts; a devcontainer.json export is refused.
    const exported = await service.exportTo(again.id, 'compose', join(folder, 'compose.yaml'), false);
    const config = execFileSync('docker-compose', ['-f', exported.file, '-p', `export-${stamp}`, 'config'], { encoding: 'utf8' });
    const resolved = parseYaml(config) as { services: Record<string, { image: string; environment: Record<string, string>; volumes: string[]; entrypoint: string[] }> };
    expect(Object.keys(resolved.services).sort()).toEqual(['app', 'helper']);
    expect(resolved.services.app.image).toBe('benchtop-test/busybox');
    expect(resolved.services.helper.image).toBe(`${composeProject}-helper`);
    expect(resolved.services.app.environment).toMatchObject({ FROM_CONFIG: 'yes', PRICE: '$$5' });
    expect(resolved.services.app.volumes).toEqual([`${folder}:/work:rw`]);
    expect(resolved.services.app.entrypoint).toEqual(['/bin/sh']);
    expect(exported.text).not.toContain('devcontainer.');
    try {
      execFileSync('docker-compose', ['-f', exported.file, '-p', `export-${stamp}`, 'up', '-d'], { encoding: 'utf8', stdio: 'pipe' });
      const exportedApp = docker('ps', '-q', '--filter', `label=com.docker.compose.project=export-${stamp}`, '--filter', 'label=com.docker.compose.service=app');
      expect(docker('exec', exportedApp, 'sh', '-c', 'echo "$PRICE $FROM_CONFIG"; cat /work/compose-made.txt')).toBe('$5 yes\nyes');
    } finally {
      execFileSync('docker-compose', ['-f', exported.file, '-p', `export-${stamp}`, 'down', '-t', '1'], { encoding: 'utf8', stdio: 'pipe' });
    }
    expect((await failure(() => service.exportTo(again.id, 'devcontainer', join(folder, 'dc.json'), false))).message).toContain('is a compose environment');

    // An image neither here nor pullable by digest: refused naming the service, nothing started.
    await service.remove(again.id);
    const gone = `sha256:${'0'.repeat(64)}`;
    writeFileSync(lockFile, JSON.stringify({ ...lock, images: { ...lock.images, helper: { ...lock.images.helper, id: gone } } }));
    const refused = await failure(() => service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal));
    expect(refused.code).toBe('not_found');
    expect(refused.message).toBe(`The locked image ${gone} of the service helper (${composeProject}-helper, built locally) is not on this engine and has no registry digest to pull: load it (docker save / docker load) or launch the config again to rebuild it.`);
    expect(projectContainers()).toEqual([]);
  });

  it('an old lockfile without a kind still reads as a container lockfile', async () => {
    const folder = project('old-lock', { image: 'benchtop-test/busybox' });
    const summary = await up(folder);
    await service.remove(summary.id);
    const lockFile = join(folder, '.devcontainer', 'benchtop.lock.json');
    const { kind, ...old } = JSON.parse(readFileSync(lockFile, 'utf8')) as Record<string, unknown>;
    expect(kind).toBe('container');
    writeFileSync(lockFile, JSON.stringify(old));
    const again = await service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal);
    expect(inspect(again.containerId).Image).toBe((old.image as { id: string }).id);
    expect((await readLockfile(lockFile)).kind).toBeUndefined();
  });

  it('a port held by a container is refused naming the container; reproduce refuses an image it cannot have', async () => {
    const port = await freePort();
    const holder = `benchtop-int-holder-${stamp}`;
    docker('run', '-d', '--name', holder, '-p', `127.0.0.1:${port}:80`, 'benchtop-test/busybox', 'sleep', '120');
    try {
      const folder = project('held', { image: 'benchtop-test/busybox', appPort: [port] });
      const error = await failure(() => up(folder));
      expect(error.message).toBe(`Host port ${port} (appPort ${port}) is already taken by container ${holder}: stop it, or change the port in the config.`);
      expect(labelled(folder)).toEqual([]);
    } finally {
      docker('rm', '-f', holder);
    }

    const folder = project('locked', { image: 'benchtop-test/busybox' });
    const summary = await up(folder);
    await service.remove(summary.id);
    const lockFile = join(folder, '.devcontainer', 'benchtop.lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { image: { id: string; repoDigests: string[] } };
    const gone = `sha256:${'0'.repeat(64)}`;
    writeFileSync(lockFile, JSON.stringify({ ...lock, image: { ...lock.image, id: gone, repoDigests: [] } }));
    const local = await failure(() => service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal));
    expect(local.message).toBe(`The locked image ${gone} (benchtop-test/busybox, built locally) is not on this engine and has no registry digest to pull: load it (docker save / docker load) or launch the config again to rebuild it.`);
    writeFileSync(lockFile, JSON.stringify({ ...lock, image: { ...lock.image, id: gone, repoDigests: [`localhost:1/benchtop-none@${gone}`] } }));
    const remote = await failure(() => service.reproduce(lockFile, 'auto', () => {}, new AbortController().signal));
    expect(remote.message).toMatch(new RegExp(`^The locked image localhost:1/benchtop-none@${gone} is not on this engine and could not be pulled \\(.+\\): make the registry reachable or load the image, then reproduce again\\.$`));
    expect(labelled(folder)).toEqual([]);
  });
});
