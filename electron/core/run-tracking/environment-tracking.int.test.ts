import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVCONTAINER_LABEL } from '../../../shared/environments/labels.ts';
import { createComposeService } from '../compose/service.ts';
import { EngineConnection } from '../engine/connection.ts';
import { createEnvironmentServiceForCore } from '../environments/create.ts';
import { GpuService } from '../gpu/service.ts';
import { openStore } from '../store/database.ts';
import { TaskRegistry } from '../tasks/registry.ts';
import { TokenIssuer } from '../tracking/tokens.ts';
import { TrackingStore } from '../tracking/tracking-store.ts';
import { ENVIRONMENT_TRACKING_SETTING, environmentTracking } from './environment-tracking.ts';

// Real engine and SQLite: environments (busybox, an image config and a compose config with two
// services) launched with the tracking dependency. The endpoint is a stand-in naming a port: what
// is checked is what the containers are given (their env, /etc/hosts entry) and what is not
// written (the lockfile), not HTTP (mlflow-step.int.test.ts drives the real client).
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const root = mkdtempSync(join(tmpdir(), 'benchtop-env-tracking-'));
const store = openStore(join(root, 'benchtop.db'));
const tracking = new TrackingStore(store);
const tokens = new TokenIssuer(store);
const engine = new EngineConnection({ env: process.env });
const trackingFor = environmentTracking({ store, tracking, tokens, endpoint: async () => ({ port: 5998, serving: true }) });
const service = createEnvironmentServiceForCore({
  engine,
  compose: createComposeService({ client: () => engine.client(), events: engine.events, env: process.env }),
  tasks: new TaskRegistry(),
  gpu: new GpuService({ engine, env: process.env }),
  env: process.env,
  tracking: trackingFor,
});
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) for (const id of docker('ps', '-aq', '--filter', `label=${DEVCONTAINER_LABEL.localFolder}=${folder}`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  for (const id of docker('ps', '-aq', '--filter', `label=com.docker.compose.project=tracked-compose-${stamp}_devcontainer`).split('\n').filter(Boolean)) docker('rm', '-f', id);
  for (const id of docker('network', 'ls', '-q', '--filter', `label=com.docker.compose.project=tracked-compose-${stamp}_devcontainer`).split('\n').filter(Boolean)) docker('network', 'rm', id);
  engine.close();
  store.close();
  rmSync(root, { recursive: true, force: true });
});

function project(name: string, config: object, files: Record<string, string> = {}): string {
  const folder = join(root, `${name}-${stamp}`);
  mkdirSync(join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(join(folder, '.devcontainer', 'devcontainer.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, '.devcontainer', file), text);
  folders.push(folder);
  return folder;
}

const envOf = (id: string) => Object.fromEntries((JSON.parse(docker('inspect', id))[0].Config.Env as string[]).filter((l) => l.startsWith('MLFLOW_')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const hostsOf = (id: string) => JSON.parse(docker('inspect', id))[0].HostConfig.ExtraHosts as string[] | null;

describe('environments get MLflow tracking', { timeout: 180_000 }, () => {
  it('an image environment gets the URI, an experiment-scoped token and its experiment; the lockfile holds none of it', async () => {
    const name = `tracked-image-${stamp}`;
    const folder = project('tracked-image', { name, image: 'benchtop-test/busybox', containerEnv: { KEEP: 'mine' } });
    const summary = await service.up({ folder, gpu: 'none' }, () => undefined, new AbortController().signal);
    const env = envOf(summary.containerId);
    expect(env.MLFLOW_TRACKING_URI).toBe('http://host.docker.internal:5998');
    expect(env.MLFLOW_EXPERIMENT_NAME).toBe(name);
    const experiment = tracking.getExperimentByName(name)!;
    expect(experiment.tags).toContainEqual({ key: 'benchtop.source', value: 'environment' });
    expect(tokens.resolve(env.MLFLOW_TRACKING_TOKEN)).toEqual({ kind: 'experiment', experimentId: experiment.experiment_id });
    expect(hostsOf(summary.containerId)).toContain('host.docker.internal:host-gateway');
    const lock = readFileSync(join(folder, '.devcontainer', 'benchtop.lock.json'), 'utf8');
    expect(lock).not.toContain(env.MLFLOW_TRACKING_TOKEN);
    expect(lock).not.toContain('MLFLOW_');
    // The same token at the next launch (nothing to recreate); off when the setting says so.
    expect((await trackingFor(name))?.env.MLFLOW_TRACKING_TOKEN).toBe(env.MLFLOW_TRACKING_TOKEN);
    store.setSetting(ENVIRONMENT_TRACKING_SETTING, false);
    try {
      expect(await trackingFor(name)).toBeNull();
    } finally {
      store.setSetting(ENVIRONMENT_TRACKING_SETTING, true);
    }
  });

  it('every service of a compose environment gets it; a variable the service sets wins', async () => {
    const name = `tracked-compose-${stamp}`;
    const folder = project(
      'tracked-compose',
      { name, dockerComposeFile: 'compose.yml', service: 'app', workspaceFolder: '/', overrideCommand: true },
      {
        'compose.yml':
          'services:\n  app:\n    image: benchtop-test/busybox\n  worker:\n    image: benchtop-test/busybox\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n    environment:\n      MLFLOW_EXPERIMENT_NAME: worker-own\n',
      },
    );
    const summary = await service.up({ folder, gpu: 'none' }, () => undefined, new AbortController().signal);
    const app = envOf(summary.containerId);
    expect(app.MLFLOW_EXPERIMENT_NAME).toBe(name);
    const worker = docker('ps', '-q', '--filter', `label=com.docker.compose.project=${summary.composeProject}`, '--filter', 'label=com.docker.compose.service=worker');
    const workerEnv = envOf(worker);
    expect(workerEnv.MLFLOW_TRACKING_TOKEN).toBe(app.MLFLOW_TRACKING_TOKEN);
    expect(workerEnv.MLFLOW_EXPERIMENT_NAME).toBe('worker-own');
    expect(hostsOf(worker)).toContain('host.docker.internal:host-gateway');
    const lock = readFileSync(join(folder, '.devcontainer', 'benchtop.lock.json'), 'utf8');
    expect(lock).not.toContain(app.MLFLOW_TRACKING_TOKEN);
    expect(lock).not.toContain('MLFLOW_TRACKING_URI');
  });
});
