import { describe, expect, it } from 'vitest';
import type { ImageChange, ImageSummary } from '../../../shared/domain/images.ts';
import { applyLiveListChange } from '../live/apply-live-list-change.ts';
import { liveImages } from '../live/lists.ts';
import { filterImages } from './filter-images.ts';
import { parseBuildArgs } from './parse-build-args.ts';

const image = (id: string, patch: Partial<ImageSummary> = {}): ImageSummary => ({
  id: `sha256:${id}`,
  repoTags: [`${id}:latest`],
  repoDigests: [],
  size: 1000,
  created: 1,
  containers: 0,
  dangling: false,
  parentId: null,
  labels: {},
  ...patch,
});

const applyImageChange = (list: readonly ImageSummary[] | undefined, change: ImageChange) => applyLiveListChange(list, change, liveImages);

describe('the images live list folds stream messages', () => {
  it('replaces on snapshot, patches in place on upsert, drops on remove', () => {
    const a = image('a');
    const b = image('b');
    let list = applyImageChange(undefined, { type: 'snapshot', items: [a, b] });
    const updated = { ...b, containers: 2 };
    list = applyImageChange(list, { type: 'upsert', item: updated });
    expect(list).toEqual([a, updated]);
    list = applyImageChange(list, { type: 'upsert', item: image('c') });
    expect(list?.map((i) => i.id)).toEqual(['sha256:c', 'sha256:a', 'sha256:b']);
    list = applyImageChange(list, { type: 'remove', key: 'sha256:a' });
    expect(list?.map((i) => i.id)).toEqual(['sha256:c', 'sha256:b']);
    expect(applyImageChange(list, { type: 'remove', key: 'sha256:zzz' })).toBe(list);
    expect(applyImageChange(list, { type: 'disconnected', message: 'x', retryInMs: 1 })).toBe(list);
  });

  it('patches one image of 2,000 without touching the others', () => {
    const many = Array.from({ length: 2000 }, (_, i) => image(`i${i}`));
    const next = applyImageChange(many, { type: 'upsert', item: { ...many[1500], containers: 1 } }) ?? [];
    expect(next).toHaveLength(2000);
    expect(next[1499]).toBe(many[1499]);
    expect(next[1500].containers).toBe(1);
  });
});

describe('filterImages', () => {
  const images = [image('abc123', { repoTags: ['python:3.12'], containers: 1 }), image('def456', { repoTags: [], dangling: true }), image('fff', { repoTags: ['torch:2'] })];
  it('matches tags and id prefixes; narrows by kind', () => {
    expect(filterImages(images, 'PYTHON', 'all').map((i) => i.id)).toEqual(['sha256:abc123']);
    expect(filterImages(images, 'sha256:def', 'all').map((i) => i.id)).toEqual(['sha256:def456']);
    expect(filterImages(images, '<none>', 'all').map((i) => i.id)).toEqual(['sha256:def456']);
    expect(filterImages(images, '', 'in-use').map((i) => i.id)).toEqual(['sha256:abc123']);
    expect(filterImages(images, '', 'unused')).toHaveLength(2);
    expect(filterImages(images, '', 'dangling').map((i) => i.id)).toEqual(['sha256:def456']);
  });
});

describe('parseBuildArgs', () => {
  it('reads KEY=VALUE lines, skips blanks and comments, reports the first bad line', () => {
    expect(parseBuildArgs('EPOCHS=3\n\n# comment\nLR=0.1=x\nFLAG')).toEqual({ args: { EPOCHS: '3', LR: '0.1=x', FLAG: '' }, problem: null });
    expect(parseBuildArgs('A=1\n9x=2').problem).toBe('Line 2: "9x=2" is not KEY=VALUE (a key is letters, digits and _).');
  });
});
