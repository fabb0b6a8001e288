import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Dispatcher } from '../core/api/dispatcher.ts';
import type { AppHealth, AppState } from '../../shared/environments/apps.ts';
import { DEVCONTAINER_LABEL } from '../../shared/environments/labels.ts';
import type { EnvironmentSummary } from '../../shared/environments/summary.ts';
import { startWebHost, type WebHost } from './server.ts';
import { createComposeService } from '../core/compose/service.ts';
import { EngineConnection } from '../core/engine/connection.ts';
import { GpuService } from '../core/gpu/service.ts';
import { TaskRegistry } from '../core/tasks/registry.ts';
import { createEnvironmentServiceForCore } from '../core/environments/create.ts';
import type { EnvironmentService } from '../core/environments/service.ts';

/**
 * The JupyterLab and PyTorch templates launched for real, with the offline images the test
 * provisioning builds (scripts/build-jupyterlab-image.sh, scripts/build-pytorch-image.sh) in place
 * of their registry images; every other setting is the template's own. Also: an app that never
 * answers shows unhealthy with its log lines, and JupyterLab works through the web host's
 * /apps/<environment>/<app>/ proxy, kernel websocket included.
 */
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const hasImage = (image: string) => {
  try {
    docker('image', 'inspect', image);
    return true;
  } catch {
    return false;
  }
};
const JUPYTER_IMAGE = 'benchtop-test/jupyterlab';
const TORCH_IMAGE = 'benchtop-test/pytorch';
const missing = [JUPYTER_IMAGE, TORCH_IMAGE].filter((image) => !hasImage(image));
if (missing.length > 0) console.warn(`notebook images: ${missing.join(', ')} missing; run scripts/provision-test-host.sh (the tests needing them are skipped)`);

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const root = mkdtempSync(join(tmpdir(), 'benchtop-notebook-int-'));
const engine = new EngineConnection({ env: process.env });
const folders: string[] = [];
let service: EnvironmentService;

function folder(name: string): string {
  const path = join(root, `${name}-${stamp}`);
  mkdirSync(path, { recursive: true });
  folders.push(path);
  return path;
}

/** Resolves with the apps once every one is in `state`; rejects with the last states at the deadline. */
function waitForApps(id: string, state: AppState, timeoutMs: number, seen: AppState[] = []): Promise<AppHealth[]> {
  return new Promise((resolve, reject) => {
    let last: AppHealth[] = [];
    const stop = service.appHealth.watch(id, (apps) => {
      last = apps;
      for (const app of apps) if (seen.at(-1) !== app.state) seen.push(app.state);
      if (apps.length > 0 && apps.every((app) => app.state === state)) {
        clearTimeout(timer);
        stop();
        resolve(apps);
      }
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`apps of ${id} not ${state} within ${timeoutMs} ms: ${JSON.stringify(last)}`));
    }, timeoutMs);
  });
}

function tokenOf(env: EnvironmentSummary): string {
  const url = env.apps[0]?.url;
  if (!url) throw new Error('no app URL');
  return new URL(url).searchParams.get('token') ?? '';
}

type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

function http(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `code` in a kernel over its websocket channel (Jupyter's JSON protocol); resolves with the stream output. */
function execute(url: string, headers: Record<string, string>, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const msgId = `exec-${stamp}`;
    let output = '';
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no execute_reply within 60 s; output so far: ${output}`));
    }, 60_000);
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`websocket refused: HTTP ${res.statusCode}`));
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on('open', () => {
      ws.send(
        JSON.stringify({
          header: { msg_id: msgId, username: 'test', session: `session-${stamp}`, msg_type: 'execute_request', version: '5.3', date: new Date().toISOString() },
          parent_header: {},
          metadata: {},
          content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
          channel: 'shell',
          buffers: [],
        }),
      );
    });
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { msg_type: string; parent_header: { msg_id?: string }; content: { text?: string; status?: string; evalue?: string } };
      if (message.parent_header.msg_id !== msgId) return;
      if (message.msg_type === 'stream') output += message.content.text ?? '';
      if (message.msg_type === 'error') output += `ERROR ${message.content.evalue ?? ''}`;
      if (message.msg_type === 'execute_reply') {
        clearTimeout(timer);
        ws.close();
        resolve(output);
      }
    });
  });
}

/** The web host with a dispatcher that answers nothing: only its /apps/ proxy is under test here. */
const idleDispatcher: Dispatcher = {
  invoke: async () => ({ ok: false, error: { code: 'not_found', message: 'not under test' } }),
  open: (_method, _input, sink) => {
    sink.end({ code: 'not_found', message: 'not under test' });
    return { close: () => {}, send: () => {} };
  },
};

let webHost: WebHost;

beforeAll(async () => {
  const tasks = new TaskRegistry();
  const compose = createComposeService({ client: () => engine.client(), events: engine.events, env: process.env });
  service = createEnvironmentServiceForCore({ engine, compose, tasks, gpu: new GpuService({ engine, env: process.env }), env: process.env });
  const staticDir = join(root, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  webHost = await startWebHost({ dispatcher: idleDispatcher, staticDir, apps: { resolveApp: (env, app) => service.resolveApp(env, app) } });
});

afterAll(async () => {
  await webHost?.close();
  service?.appHealth.close();
  for (const path of folders) {
    for (const id of docker('ps', '-aq', '--filter', `label=${DEVCONTAINER_LABEL.localFolder}=${path}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  }
  for (const image of docker('images', '-q', '--filter', `reference=benchtop-env/*`).split('\n').filter(Boolean)) {
    const tags = docker('image', 'inspect', '-f', '{{join .RepoTags " "}}', image);
    if (tags.includes(stamp)) docker('rmi', '-f', image);
  }
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('notebook templates on the real engine', () => {
  it.skipIf(!hasImage(JUPYTER_IMAGE))(
    'the JupyterLab template runs benchtop-test/jupyterlab: healthy, its API answers with the generated token, and a kernel executes a cell through the web host',
    { timeout: 240_000 },
    async () => {
      const project = folder('jupyterlab');
      const env = await service.up({ folder: project, template: 'jupyterlab-cpu', gpu: 'none', image: JUPYTER_IMAGE }, () => {}, new AbortController().signal);
      const info = JSON.parse(docker('inspect', env.containerId))[0] as { Config: { Image: string; Env: string[] }; Mounts: { Destination: string; Source: string }[] };
      expect(info.Config.Image).toBe(JUPYTER_IMAGE);
      // Every other setting is the template's: the workspace mount, the root dir, the token variable; the base path is added.
      expect(info.Mounts.find((m) => m.Destination === '/workspace')?.Source).toBe(project);
      expect(info.Config.Env).toContain(`NOTEBOOK_ARGS=--ServerApp.root_dir=/workspace --ServerApp.base_url=/apps/${env.id}/jupyterlab/`);
      const token = tokenOf(env);
      expect(info.Config.Env).toContain(`JUPYTER_TOKEN=${token}`);
      expect(env.apps).toEqual([expect.objectContaining({ name: 'jupyterlab', label: 'JupyterLab', containerPort: 8888, webPath: `/apps/${env.id}/jupyterlab/lab?token=${token}` })]);

      // Launch waited for JupyterLab's port to answer, so it is healthy at once (or after a probe or two).
      await waitForApps(env.id, 'healthy', 120_000);

      const hostPort = env.apps[0]?.hostPort as number;
      const base = `/apps/${env.id}/jupyterlab`;
      const status = await http(hostPort, 'GET', `${base}/api/status?token=${token}`);
      expect(status.status).toBe(200);
      expect(JSON.parse(status.body)).toHaveProperty('started');
      expect((await http(hostPort, 'GET', `${base}/api/status`)).status).toBe(403);
      expect((await http(hostPort, 'GET', `${base}/api/status?token=wrong${token}`)).status).toBe(403);

      // Through the web host: one origin, the cookie required, the kernel's websocket proxied.
      const cookie = `benchtop_token=${webHost.token}`;
      const origin = `http://127.0.0.1:${webHost.port}`;
      expect((await http(webHost.port, 'GET', `${base}/api/status?token=${token}`)).status).toBe(401);
      const proxied = await http(webHost.port, 'GET', `${base}/api/status?token=${token}`, { cookie });
      expect(proxied.status).toBe(200);
      expect(JSON.parse(proxied.body)).toHaveProperty('started');
      const lab = await http(webHost.port, 'GET', `${base}/lab?token=${token}`, { cookie });
      expect(lab.status).toBe(200);
      expect(lab.body).toContain(`"baseUrl": "${base}/"`);
      const created = await http(webHost.port, 'POST', `${base}/api/kernels?token=${token}`, { cookie, 'content-type': 'application/json' }, JSON.stringify({ name: 'python3' }));
      expect(created.status).toBe(201);
      const kernel = JSON.parse(created.body) as { id: string };
      const output = await execute(`ws://127.0.0.1:${webHost.port}${base}/api/kernels/${kernel.id}/channels?token=${token}`, { Origin: origin, Cookie: cookie }, 'import sklearn, mlflow\nprint(6 * 7, sklearn.__version__, mlflow.__version__)');
      expect(output).toMatch(/^42 \d+\.\d+\.\d+ 3\.17\.2\n$/);
      // The kernel socket without the cookie, or from another origin, is refused.
      await expect(execute(`ws://127.0.0.1:${webHost.port}${base}/api/kernels/${kernel.id}/channels?token=${token}`, { Origin: origin }, 'print(1)')).rejects.toThrow(/HTTP 401/);
      await expect(execute(`ws://127.0.0.1:${webHost.port}${base}/api/kernels/${kernel.id}/channels?token=${token}`, { Origin: 'http://evil.example', Cookie: cookie }, 'print(1)')).rejects.toThrow(/HTTP 403/);
      // Path tricks cannot leave this app: dot segments, encoded slashes, another environment.
      for (const trick of [`${base}/../../${env.id}/other/api/status`, `${base}/%2e%2e/%2e%2e/x/api/status`, `${base}%2F..%2Fother/api/status`, `/apps/${env.id}/jupyterlab/..%2f..%2fother/`]) {
        expect([400, 404], trick).toContain((await http(webHost.port, 'GET', trick, { cookie })).status);
      }
      expect((await http(webHost.port, 'GET', `/apps/000000000000/jupyterlab/api/status?token=${token}`, { cookie })).status).toBe(502);
      // Benchtop's cookie never reaches the app.
      expect(docker('logs', env.containerId)).not.toContain(webHost.token);
    },
  );

  it.skipIf(!hasImage(TORCH_IMAGE))(
    'the PyTorch template runs benchtop-test/pytorch with its own settings (8 GB shared memory, JupyterLab) and trains a tiny network on CPU for one epoch',
    { timeout: 300_000 },
    async () => {
      const project = folder('pytorch');
      copyFileSync(fileURLToPath(new URL('../../resources/examples/pytorch-cpu/train_tiny.py', import.meta.url)), join(project, 'train_tiny.py'));
      const env = await service.up({ folder: project, template: 'pytorch-cuda-jupyterlab', gpu: 'auto', image: TORCH_IMAGE }, () => {}, new AbortController().signal);
      const info = JSON.parse(docker('inspect', env.containerId))[0] as { Config: { Image: string }; HostConfig: { ShmSize: number } };
      expect(info.Config.Image).toBe(TORCH_IMAGE);
      expect(info.HostConfig.ShmSize).toBe(8 * 1024 ** 3);
      await waitForApps(env.id, 'healthy', 120_000);
      const lines = docker('exec', '-w', '/workspace', env.containerId, 'python3', 'train_tiny.py').split('\n');
      const summary = JSON.parse(lines.at(-1) ?? '{}') as { epoch: number; batches: number; first_loss: number; last_loss: number; cuda: boolean; torch: string };
      expect(summary).toMatchObject({ epoch: 1, cuda: false });
      expect(summary.batches).toBeGreaterThan(10);
      expect(summary.last_loss).toBeLessThan(summary.first_loss);
      console.info(`pytorch template: torch ${summary.torch}, ${summary.batches} batches, loss ${summary.first_loss.toFixed(3)} → ${summary.last_loss.toFixed(3)}`);
    },
  );

  it('an app that never answers its health check shows unhealthy, with the container\'s last log lines', { timeout: 120_000 }, async () => {
    const project = folder('unhealthy');
    mkdirSync(join(project, '.devcontainer'));
    writeFileSync(join(project, '.devcontainer', 'Dockerfile'), 'FROM benchtop-test/busybox\nCMD ["sh", "-c", "echo demo: starting; echo demo: cannot bind 0.0.0.0:7860: address in use; sleep 3600"]\n');
    writeFileSync(
      join(project, '.devcontainer', 'devcontainer.json'),
      JSON.stringify({
        name: `demo-${stamp}`,
        build: { dockerfile: 'Dockerfile' },
        overrideCommand: false,
        customizations: { benchtop: { apps: [{ name: 'demo', label: 'Web demo', port: 7860, health: { path: 'healthz', startupSeconds: 3, intervalSeconds: 5 } }] } },
      }),
    );
    const env = await service.up({ folder: project, gpu: 'none' }, () => {}, new AbortController().signal);
    expect(env.apps).toEqual([expect.objectContaining({ name: 'demo', label: 'Web demo', containerPort: 7860, webPath: `/apps/${env.id}/demo/` })]);
    const seen: AppState[] = [];
    const [demo] = await waitForApps(env.id, 'unhealthy', 60_000, seen);
    expect(seen[0]).toBe('starting');
    expect(demo?.reason).toMatch(/Web demo did not answer its health check within 3 s/);
    expect(demo?.logTail).toEqual(['demo: starting', 'demo: cannot bind 0.0.0.0:7860: address in use']);
    // Stopped: no probe, the state says so.
    await service.stop(env.id);
    await waitForApps(env.id, 'stopped', 30_000);
  });
});
