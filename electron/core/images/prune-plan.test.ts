import { describe, expect, it } from 'vitest';
import { chainIds, planPrune, type PlanImage } from './prune-plan.ts';

const base: PlanImage = { id: 'base', repoTags: ['busybox:latest'], parentId: null, size: 2_000, labels: {}, layers: ['sha256:l1'] };
const image = (id: string, patch: Partial<PlanImage>): PlanImage => ({ id, repoTags: [], parentId: null, size: 0, labels: {}, layers: [], ...patch });

describe('planPrune', () => {
  it('dangling: untagged heads not used by a container, with their untagged parents; space = layers nobody keeps', () => {
    const images = [
      base,
      // Classic build: an intermediate parent and the old head left dangling by a rebuild.
      image('mid', { parentId: 'base', size: 2_500, layers: ['sha256:l1', 'sha256:l2'] }),
      image('old', { parentId: 'mid', size: 2_600, layers: ['sha256:l1', 'sha256:l2', 'sha256:l3'], labels: { team: 'a' } }),
      image('new', { repoTags: ['app:latest'], parentId: 'base', size: 2_900, layers: ['sha256:l1', 'sha256:l4'] }),
      image('used', { size: 700, layers: ['sha256:u1'] }),
    ];
    const preview = planPrune({ mode: 'dangling', images, usedImageIds: new Set(['used']), labels: [] });
    expect(preview.images.map((i) => i.id).sort()).toEqual(['mid', 'old']);
    expect(preview.spaceReclaimed).toBe(600); // l2 (500) + l3 (100); l1 stays with busybox
    expect(planPrune({ mode: 'dangling', images, usedImageIds: new Set(['used']), labels: ['team=b'] }).images).toEqual([]);
    expect(planPrune({ mode: 'dangling', images, usedImageIds: new Set(['used']), labels: ['team'] }).spaceReclaimed).toBe(600);
  });

  it('unused: tagged images too, never one a container uses, and shared layers once', () => {
    const images = [
      base,
      image('a', { repoTags: ['a:1'], size: 3_000, layers: ['sha256:l1', 'sha256:x'] }),
      image('b', { repoTags: ['b:1'], size: 3_000, layers: ['sha256:l1', 'sha256:x'] }),
    ];
    const preview = planPrune({ mode: 'unused', images, usedImageIds: new Set(['b']), labels: [] });
    expect(preview.images.map((i) => i.id).sort()).toEqual(['a', 'base']);
    // Every layer of a and base is still used by b.
    expect(preview.spaceReclaimed).toBe(0);
    const all = planPrune({ mode: 'unused', images, usedImageIds: new Set(), labels: [] });
    expect(all.spaceReclaimed).toBe(3_000);
  });

  it('computes chain ids like the engine', () => {
    const chain = chainIds(['sha256:a', 'sha256:b']);
    expect(chain[0]).toBe('sha256:a');
    expect(chain[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
