import { describe, expect, it } from 'vitest';
import type { ContainerUse } from './container-users.ts';
import { matchesLabels } from './label-filter.ts';
import { planPrune, type PruneInputs } from './prune-plan.ts';

const use = (id: string, state: string, extra: Partial<ContainerUse> = {}): ContainerUse => ({
  user: { id, name: `c-${id}` },
  state,
  imageId: 'sha256:img-used',
  volumes: [],
  networkIds: [],
  labels: {},
  ...extra,
});

const images = [
  { Id: 'sha256:img-used', RepoTags: ['app:1'], Size: 100, SharedSize: 0 },
  { Id: 'sha256:dangling', RepoTags: ['<none>:<none>'], RepoDigests: [], Size: 50, SharedSize: 10 },
  { Id: 'sha256:dangling-by-stopped', RepoTags: [], Size: 30, SharedSize: 0 },
  { Id: 'sha256:parent', RepoTags: [], Size: 70, SharedSize: 0 },
  { Id: 'sha256:child', ParentId: 'sha256:parent', RepoTags: ['child:1'], Size: 80, SharedSize: 70 },
];

const inputs: PruneInputs = {
  images,
  df: {
    Images: images,
    Containers: [
      { Id: 'run', State: 'running', SizeRw: 5 },
      { Id: 'old', State: 'exited', SizeRw: 7 },
      { Id: 'new', State: 'created', SizeRw: 0 },
    ],
    Volumes: [
      { Name: 'data', Driver: 'local', UsageData: { Size: 1000, RefCount: 1 } },
      { Name: 'old-data', Driver: 'local', UsageData: { Size: 400, RefCount: 1 } },
      { Name: 'orphan', Driver: 'local', UsageData: { Size: 200, RefCount: 0 } },
      { Name: 'nfs', Driver: 'nfs', UsageData: { Size: -1, RefCount: 0 } },
    ],
    BuildCache: [
      { ID: 'c1', Size: 11, InUse: false, Description: 'RUN make' },
      { ID: 'c2', Size: 13, InUse: true },
    ],
  },
  containers: [
    use('run', 'running', { volumes: ['data'], networkIds: ['n-live'] }),
    use('old', 'exited', { volumes: ['old-data'], networkIds: ['n-stopped'], imageId: 'sha256:dangling-by-stopped' }),
    use('new', 'created'),
  ],
  networks: [
    { Id: 'b', Name: 'bridge' },
    { Id: 'n-live', Name: 'live' },
    { Id: 'n-stopped', Name: 'stopped-only' },
    { Id: 'n-empty', Name: 'empty' },
  ],
};

const ids = (target: string, scope: Parameters<typeof planPrune>[0], labels: string[] = []) =>
  planPrune(scope, inputs, labels)
    .items.filter((i) => i.target === target)
    .map((i) => i.id);

describe('planPrune mirrors the engine rules', () => {
  it('containers: what is not running, with its writable layer size', () => {
    const plan = planPrune('containers', inputs);
    expect(plan.items.map((i) => i.id)).toEqual(['old', 'new']);
    expect(plan.bytes).toBe(7);
  });

  it('volumes: local volumes no container mounts, stopped ones included', () => {
    expect(ids('volumes', 'volumes')).toEqual(['orphan']);
  });

  it('networks: custom networks without a running container; built-in ones never', () => {
    expect(ids('networks', 'networks')).toEqual(['stopped-only', 'empty']);
  });

  it('images: untagged, childless, unused; size excludes shared layers', () => {
    const plan = planPrune('images', inputs);
    expect(plan.items).toEqual([{ target: 'images', id: 'sha256:dangling', name: 'dangling', size: 40 }]);
  });

  it('images: an untagged build chain goes with its head; bytes down to the ancestor that stays', () => {
    const chain = [
      { Id: 'sha256:base', RepoTags: ['base:1'], Size: 100 },
      { Id: 'sha256:step1', ParentId: 'sha256:base', RepoTags: [], Size: 130 },
      { Id: 'sha256:head', ParentId: 'sha256:step1', RepoTags: [], Size: 160 },
    ];
    const plan = planPrune('images', { ...inputs, images: chain, containers: [] });
    expect(plan.items.map((i) => [i.id, i.size])).toEqual([
      ['sha256:head', 60],
      ['sha256:step1', 0],
    ]);
  });

  it('build cache: every record not in use', () => {
    expect(planPrune('build-cache', inputs).items).toEqual([{ target: 'build-cache', id: 'c1', name: 'RUN make', size: 11 }]);
  });

  it('all: containers go first, so what only they used is freed too', () => {
    const plan = planPrune('all', inputs);
    expect(ids('volumes', 'all')).toEqual(['old-data', 'orphan']);
    expect(ids('images', 'all')).toEqual(['sha256:dangling', 'sha256:dangling-by-stopped']);
    expect(plan.bytes).toBe(7 + 0 + 400 + 200 + 40 + 30 + 11);
  });

  it('label filters narrow every target and leave the build cache alone', () => {
    expect(ids('containers', 'all', ['team=ml'])).toEqual([]);
    expect(ids('build-cache', 'all', ['team=ml'])).toEqual([]);
  });
});

describe('matchesLabels', () => {
  it('matches "key" by presence and "key=value" exactly; all filters must hold', () => {
    expect(matchesLabels({ a: '1', b: '' }, ['a', 'b='])).toBe(true);
    expect(matchesLabels({ a: '1' }, ['a=2'])).toBe(false);
    expect(matchesLabels(null, ['a'])).toBe(false);
    expect(matchesLabels(null, [])).toBe(true);
  });
});
