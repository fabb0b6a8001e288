import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeLockfileSchema, type ComposeLockfile } from '../../../shared/environments/lockfile.ts';
import { loadComposeProject } from '../compose/load-project.ts';
import { composeLockToYaml } from './compose-export.ts';
import { portableProject } from './compose-variant.ts';

// The real loader reads a compose file with the keys ML stacks use; the exported file is checked by
// the real docker-compose (v1, Debian's), whose `config` works offline. No engine is involved.
const root = mkdtempSync(join(tmpdir(), 'benchtop-compose-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COMPOSE = `services:
  trainer:
    image: benchtop-test/python-ml
    command: ["python3", "-c", "print('on')"]
    environment:
      ANSWER: "yes"
      MODE: "0755"
    ports: ["127.0.0.1:8888:8888", "6006"]
    volumes:
      - ..:/workspace
      - data:/data:ro
      - /etc/hostname:/host-name:ro
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 1048576}
    shm_size: 2gb
    ulimits: {memlock: -1, stack: {soft: 67108864, hard: 67108864}}
    ipc: host
    depends_on:
      db: {condition: service_healthy}
    deploy:
      resources:
        limits: {cpus: "1.5", memory: 1g}
        reservations:
          devices: [{capabilities: [gpu], count: all}]
    labels: {team: ml}
  db:
    image: benchtop-test/busybox
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
      timeout: 1s
      retries: 3
    stop_grace_period: 3s
    networks: [back]
networks:
  back: {}
volumes:
  data: {}
`;

function lockFor(folder: string): ComposeLockfile {
  const file = join(folder, '.devcontainer', 'compose.yml');
  mkdirSync(join(folder, '.devcontainer'), { recursive: true });
  writeFileSync(file, COMPOSE);
  const project = loadComposeProject({ files: [file], projectName: 'proj_devcontainer', env: {} });
  const image = (reference: string, digits: string) => ({ reference, id: `sha256:${digits.repeat(64)}`, repoDigests: [], built: false });
  return composeLockfileSchema.parse({
    lockfileVersion: 1,
    kind: 'compose',
    createdBy: 'benchtop test',
    createdAt: new Date(0).toISOString(),
    source: 'devcontainer.json',
    project: portableProject(project, folder),
    images: { trainer: { ...image('benchtop-test/python-ml', 'a'), repoDigests: ['registry.example/python-ml@sha256:' + 'b'.repeat(64)] }, db: image('benchtop-test/busybox', 'c') },
    devcontainer: {
      name: 'proj',
      service: 'trainer',
      runServices: null,
      workspaceFolder: '/workspace',
      containerEnv: { PRICE: '$5', ON: 'on' },
      remoteEnv: {},
      overrideCommand: true,
      containerUser: null,
      remoteUser: null,
      lifecycle: {},
      metadata: {},
      gpu: { from: 'runArgs', value: '1', required: true },
    },
    gpu: { requested: '{"mode":"count","count":1}', deviceRequests: [{ Driver: '', Count: 1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }], readiness: 'verified' },
  });
}

describe('composeLockToYaml', () => {
  it('writes a compose.yaml docker-compose accepts, with the devcontainer settings, pinned images and values kept exactly', () => {
    const folder = join(root, 'proj');
    const lock = lockFor(folder);
    expect(JSON.stringify(lock)).not.toContain(folder);
    const text = composeLockToYaml(lock, folder, folder);
    writeFileSync(join(folder, 'compose.yaml'), text);
    const config = parse(execFileSync('docker-compose', ['-f', join(folder, 'compose.yaml'), '-p', 'exported', 'config'], { encoding: 'utf8' })) as {
      services: Record<string, Record<string, unknown>>;
      networks: Record<string, unknown>;
      volumes: Record<string, unknown>;
    };
    const trainer = config.services.trainer;
    expect(trainer.image).toBe(`registry.example/python-ml@sha256:${'b'.repeat(64)}`);
    expect(config.services.db.image).toBe('benchtop-test/busybox');
    expect(trainer.environment).toEqual({ ANSWER: 'yes', MODE: '0755', PRICE: '$$5', ON: 'on' });
    expect(trainer.entrypoint).toEqual(['/bin/sh']);
    expect(trainer.volumes).toEqual(expect.arrayContaining([`${folder}:/workspace:rw`, 'data:/data:ro', '/etc/hostname:/host-name:ro']));
    expect(trainer.shm_size).toBe(2147483648);
    expect(trainer.ipc).toBe('host');
    expect(trainer.labels).toEqual({ team: 'ml' });
    expect(trainer.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(trainer.deploy).toEqual({
      resources: { limits: { cpus: 1.5 }, reservations: { devices: [{ capabilities: ['gpu'], count: 'all' }, { capabilities: ['gpu'], count: 1 }] } },
    });
    expect(trainer.mem_limit).toBe(1073741824);
    expect(config.services.db.healthcheck).toEqual({ test: ['CMD', 'true'], interval: '2s', timeout: '1s', retries: 3 });
    expect(config.services.db.stop_grace_period).toBe('3s');
    expect(Object.keys(config.networks).sort()).toEqual(['back', 'default']);
    expect(Object.keys(config.volumes)).toEqual(['data']);
    expect(text).not.toMatch(/devcontainer\.|benchtop\.environment/);
  });

  it('writes bind sources relative to the file, and leaves paths outside the project as they are', () => {
    const folder = join(root, 'relative');
    const lock = lockFor(folder);
    const text = composeLockToYaml(lock, folder, join(folder, 'export'));
    expect(text).toContain('- ..:/workspace');
    expect(text).toContain('- /etc/hostname:/host-name:ro');
  });
});
