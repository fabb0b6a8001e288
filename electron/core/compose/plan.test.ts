import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceConfigHash } from './config-hash.ts';
import { LABEL } from './labels.ts';
import { planUp, type EngineState } from './plan.ts';
import { loadComposeProject } from './load-project.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Pure planning: the engine's state is written out by hand here; the integration test covers the real engine.
const dir = mkdtempSync(join(tmpdir(), 'benchtop-plan-'));
writeFileSync(
  join(dir, 'compose.yaml'),
  'name: lab\nservices:\n  db:\n    image: busybox\n  web:\n    image: busybox\n    deploy: { replicas: 2 }\n    depends_on: [db]\nvolumes:\n  data: {}\n',
);
const project = loadComposeProject({ files: [join(dir, 'compose.yaml')], env: {} });

function container(service: string, number: number, overrides: Partial<Docker.ContainerInfo> & { hash?: string; image?: string } = {}): Docker.ContainerInfo {
  const { hash, image, ...rest } = overrides;
  return {
    Id: `${service}-${number}`,
    Names: [`/lab-${service}-${number}`],
    State: 'running',
    Labels: {
      [LABEL.project]: 'lab',
      [LABEL.service]: service,
      [LABEL.containerNumber]: String(number),
      [LABEL.configHash]: hash ?? serviceConfigHash(project.services[service] ?? project.services.db),
      [LABEL.image]: image ?? 'sha256:busybox',
    },
    ...rest,
  } as Docker.ContainerInfo;
}

function state(containers: Docker.ContainerInfo[], extra: Partial<EngineState> = {}): EngineState {
  return { containers, networks: new Set(['lab_default']), volumes: new Set(), images: new Map([['busybox', 'sha256:busybox']]), ...extra };
}

const actions = (plan: ReturnType<typeof planUp>) => plan.steps.map((s) => `${s.kind}:${s.name}:${s.action}`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('planUp', () => {
  it('creates what is missing', () => {
    expect(actions(planUp(project, state([], { networks: new Set() })))).toEqual([
      'network:lab_default:create',
      'volume:lab_data:create',
      'container:lab-db-1:create',
      'container:lab-web-1:create',
      'container:lab-web-2:create',
    ]);
  });

  it('keeps what matches, starts what stopped, recreates on a changed config or image, removes extra replicas', () => {
    const plan = planUp(
      project,
      state([
        container('db', 1, { State: 'exited' }),
        container('web', 1, { hash: 'old' }),
        container('web', 2, { image: 'sha256:older' }),
        container('web', 3),
        { ...container('gone', 1), Labels: { ...container('gone', 1).Labels, [LABEL.service]: 'gone' } },
      ], { volumes: new Set(['lab_data']) }),
    );
    expect(actions(plan)).toEqual([
      'network:lab_default:keep',
      'volume:lab_data:keep',
      'container:lab-db-1:start',
      'container:lab-web-1:recreate',
      'container:lab-web-2:recreate',
      'container:lab-web-3:remove',
    ]);
    expect(plan.steps.find((s) => s.name === 'lab-web-2')?.reason).toBe('the image changed');
    expect(plan.orphans).toEqual(['lab-gone-1']);
  });

  it('reports images the engine lacks', () => {
    expect(planUp(project, state([], { images: new Map([['busybox', null]]) })).missingImages).toEqual(['busybox']);
  });

  it('the config hash ignores what compose leaves out (depends_on, replicas) and sees the rest', () => {
    const web = project.services.web;
    expect(serviceConfigHash({ ...web, replicas: 5, dependsOn: {} })).toBe(serviceConfigHash(web));
    expect(serviceConfigHash({ ...web, environment: { A: '1' } })).not.toBe(serviceConfigHash(web));
  });

  it('shows the GPU reservation of each container, as the Stacks page previews it', () => {
    writeFileSync(
      join(dir, 'gpu.yaml'),
      'name: lab\nservices:\n  train:\n    image: busybox\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: all\n              capabilities: [gpu]\n  infer:\n    image: busybox\n    gpus: [{ device_ids: ["0", "1"], capabilities: [gpu] }]\n  cpu:\n    image: busybox\n',
    );
    const gpuProject = loadComposeProject({ files: [join(dir, 'gpu.yaml')], env: {} });
    const gpus = Object.fromEntries(planUp(gpuProject, state([])).steps.filter((s) => s.kind === 'container').map((s) => [s.service, s.gpus]));
    expect(gpus).toEqual({ cpu: undefined, infer: 'GPUs 0, 1', train: 'all GPUs' });
  });
});
