import { describe, expect, it } from 'vitest';
import type { ImageChange, ImageSummary } from '../../../shared/domain/images.ts';
import type { DockerEvent, EventsState } from '../engine/events.ts';
import { streamImageChanges } from './changes.ts';
import type { ImageService, ImageUser } from './service.ts';

// The engine's event stream is faked here to count calls; images.int.test.ts drives the real one.
const summary = (id: string, tags: string[], containers = 0): ImageSummary => ({
  id, repoTags: tags, repoDigests: [], size: 10, created: 1, containers, dangling: tags.length === 0, parentId: null, labels: {},
});

function setup() {
  const images = new Map([['sha256:a', summary('sha256:a', ['a:1'])], ['sha256:b', summary('sha256:b', ['b:1'])]]);
  const users: ImageUser[] = [{ id: 'c1', name: 'one', state: 'running', imageId: 'sha256:a' }];
  const calls = { list: 0, find: [] as string[], containers: [] as Array<readonly string[] | undefined> };
  const service: Pick<ImageService, 'list' | 'find' | 'containers'> = {
    list: async () => {
      calls.list++;
      return [...images.values()];
    },
    find: async (ref, counts) => {
      calls.find.push(ref);
      const image = images.get(ref) ?? [...images.values()].find((i) => i.repoTags.includes(ref));
      return image ? { ...image, containers: counts?.get(image.id) ?? 0 } : null;
    },
    containers: async (ids) => {
      calls.containers.push(ids);
      return ids ? users.filter((u) => ids.includes(u.id)) : users;
    },
  };
  let listener: (event: DockerEvent) => void = () => {};
  let onState: (state: EventsState) => void = () => {};
  const events = {
    subscribe: (l: (event: DockerEvent) => void, s?: (state: EventsState) => void) => {
      listener = l;
      onState = s ?? (() => {});
      return () => {};
    },
  };
  const changes: ImageChange[] = [];
  const controller = new AbortController();
  const done = streamImageChanges(service as ImageService, events, { next: (c) => changes.push(c), end: () => {} }, controller.signal);
  const emit = (Type: 'image' | 'container', Action: string, ID: string, Attributes: Record<string, string> = {}) =>
    listener({ Type, Action, Actor: { ID, Attributes }, time: 0, timeNano: 0 });
  const settle = () => new Promise((r) => setTimeout(r, 60));
  return { images, users, calls, changes, emit, settle, onState: (s: EventsState) => onState(s), stop: async () => (controller.abort(), await done) };
}

describe('streamImageChanges', () => {
  it('snapshot with container counts, then patches: a moved tag updates both images, container events move counts', async () => {
    const t = setup();
    await t.settle();
    expect(t.changes[0]).toMatchObject({ type: 'snapshot' });
    expect((t.changes[0] as { items: ImageSummary[] }).items.find((i) => i.id === 'sha256:a')?.containers).toBe(1);

    // "a:1" moves to b: b gains the tag, a is looked up again and comes back dangling.
    t.images.set('sha256:b', summary('sha256:b', ['b:1', 'a:1']));
    t.images.set('sha256:a', summary('sha256:a', []));
    t.emit('image', 'tag', 'sha256:b', { name: 'a:1' });
    await t.settle();
    expect(t.changes.slice(1).map((c) => (c.type === 'upsert' ? [c.item.id, c.item.repoTags.join(',')] : c.type))).toEqual([
      ['sha256:b', 'b:1,a:1'],
      ['sha256:a', ''],
    ]);

    t.users.push({ id: 'c2', name: 'two', state: 'created', imageId: 'sha256:b' });
    t.emit('container', 'create', 'c2');
    t.emit('container', 'start', 'c2');
    await t.settle();
    expect(t.changes.at(-1)).toMatchObject({ type: 'upsert', item: { id: 'sha256:b', containers: 1 } });
    expect(t.calls.containers.at(-1)).toEqual(['c2']);

    t.emit('container', 'destroy', 'c2');
    await t.settle();
    expect(t.changes.at(-1)).toMatchObject({ type: 'upsert', item: { id: 'sha256:b', containers: 0 } });

    t.emit('image', 'delete', 'sha256:a');
    await t.settle();
    expect(t.changes.at(-1)).toEqual({ type: 'remove', key: 'sha256:a' });
    expect(t.calls.list).toBe(1);
    await t.stop();
  });

  it('re-lists once after the event stream reconnects', async () => {
    const t = setup();
    await t.settle();
    t.onState({ state: 'disconnected', retryInMs: 100, message: 'dropped' });
    t.onState({ state: 'connected' });
    await t.settle();
    expect(t.changes.map((c) => c.type)).toEqual(['snapshot', 'disconnected', 'snapshot']);
    expect(t.calls.list).toBe(2);
    await t.stop();
  });
});
