import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { containerCreateOptions, extraNetworks } from './container-spec.ts';
import { LABEL } from './labels.ts';
import { loadComposeProject } from './load-project.ts';

// The create body is checked field by field here: a GPU cannot be attached on this machine, and
// the integration test covers what the engine does with the rest.
const dir = mkdtempSync(join(tmpdir(), 'benchtop-spec-'));
writeFileSync(
  join(dir, 'compose.yaml'),
  `name: lab
services:
  train:
    image: busybox
    command: python train.py --epochs 3
    environment: { A: "1" }
    ports: ["127.0.0.1:8888:8888", "6006"]
    volumes: ["./data:/data:ro", "cache:/cache", "/scratch"]
    networks: [front, back]
    shm_size: 2g
    ipc: host
    ulimits: { memlock: -1, stack: { soft: 67108864, hard: 67108864 } }
    healthcheck: { test: "curl -f localhost:8888", interval: 10s, timeout: 2s, start_period: 1m, retries: 3 }
    restart: on-failure:3
    gpus: all
    deploy:
      resources:
        limits: { cpus: "1.5", memory: 4g }
        reservations:
          devices: [{ driver: nvidia, device_ids: ["0"], capabilities: [gpu, utility] }]
volumes:
  cache: {}
networks:
  front: {}
  back: {}
`,
);
const project = loadComposeProject({ files: [join(dir, 'compose.yaml')], env: {} });
const options = containerCreateOptions(project, project.services.train, 1, 'sha256:img', (mode) => mode);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('containerCreateOptions', () => {
  it('names the container and writes the compose labels', () => {
    expect(options.name).toBe('lab-train-1');
    expect(options.Labels).toMatchObject({ [LABEL.project]: 'lab', [LABEL.service]: 'train', [LABEL.containerNumber]: '1', [LABEL.oneoff]: 'False', [LABEL.image]: 'sha256:img' });
  });

  it('maps command, env, ports, mounts, limits and healthcheck to Engine API fields', () => {
    expect(options.Cmd).toEqual(['python', 'train.py', '--epochs', '3']);
    expect(options.Env).toEqual(['A=1']);
    expect(options.HostConfig?.PortBindings).toEqual({ '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '8888' }], '6006/tcp': [{ HostIp: '', HostPort: '' }] });
    expect(options.HostConfig?.Binds).toEqual([`${join(dir, 'data')}:/data:ro`]);
    expect(options.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: 'lab_cache', Target: '/cache', ReadOnly: false }]);
    expect(options.Volumes).toEqual({ '/scratch': {} });
    expect(options.HostConfig).toMatchObject({ ShmSize: 2 * 1024 ** 3, IpcMode: 'host', NanoCpus: 1.5e9, Memory: 4 * 1024 ** 3, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } });
    expect(options.HostConfig?.Ulimits).toEqual([
      { Name: 'memlock', Soft: -1, Hard: -1 },
      { Name: 'stack', Soft: 67108864, Hard: 67108864 },
    ]);
    expect(options.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'curl -f localhost:8888'], Interval: 10e9, Timeout: 2e9, StartPeriod: 60e9, Retries: 3 });
  });

  it('turns GPU reservations and gpus: all into device requests as compose does', () => {
    expect(options.HostConfig?.DeviceRequests).toEqual([
      { Driver: 'nvidia', Count: 0, DeviceIDs: ['0'], Capabilities: [['gpu', 'utility']], Options: {} },
      { Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} },
    ]);
  });

  it('joins the first network at create with compose aliases, the others after', () => {
    expect(options.HostConfig?.NetworkMode).toBe('lab_front');
    expect(options.NetworkingConfig).toEqual({ EndpointsConfig: { lab_front: { Aliases: ['lab-train-1', 'train'] } } });
    expect(extraNetworks(project.services.train)).toEqual(['back']);
  });
});
