import { describe, expect, it } from 'vitest';
import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import type { ContainerEvent, EventsStateChange } from './changes.ts';
import { ContainersMirror } from './containers-mirror.ts';
import type { ContainerService } from './service.ts';

// Pure fan-out logic: the engine's list/lookup and its event stream are in-memory stand-ins here
// (as in changes.test.ts); containers.int.test.ts and e2e/containers.spec.ts run it against the
// real engine through the handlers.
function summary(id: string, created: number, state: ContainerSummary['state'] = 'created'): ContainerSummary {
  return { id, name: id, image: 'busybox', state, status: state, created, ports: [], composeProject: null, composeService: null, labels: {} };
}

function harness(lingerMs = 60_000) {
  const world = new Map([summary('a', 1), summary('b', 2)].map((c) => [c.id, c]));
  const calls = { list: 0, find: 0 };
  const service: ContainerService = {
    list: async () => {
      calls.list++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return [...world.values()].sort((x, y) => y.created - x.created);
    },
    find: async (id) => {
      calls.find++;
      return world.get(id) ?? null;
    },
    start: async () => {},
    stop: async () => {},
    restart: async () => {},
    remove: async () => {},
  };
  const listeners = new Set<{ listener: (event: ContainerEvent) => void; onState?: (change: EventsStateChange) => void }>();
  const events = {
    subscribe(listener: (event: ContainerEvent) => void, onState?: (change: EventsStateChange) => void) {
      const entry = { listener, onState };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
  };
  const mirror = new ContainersMirror(service, events, { lingerMs });
  const open = () => {
    const received: ContainerChange[] = [];
    const controller = new AbortController();
    const done = mirror.subscribe({ next: (c) => received.push(c), end: () => {} }, controller.signal);
    return { received, done, close: () => controller.abort() };
  };
  return {
    world,
    calls,
    mirror,
    open,
    listeners,
    emit: (id: string, Action: string) => listeners.forEach((l) => l.listener({ Type: 'container', Action, Actor: { ID: id } })),
    state: (change: EventsStateChange) => listeners.forEach((l) => l.onState?.(change)),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('containers mirror', () => {
  it('lists the engine once for a list call and a stream opened together, then answers both from the copy', async () => {
    const h = harness();
    const first = h.open();
    const listed = await h.mirror.list();
    expect(listed.map((c) => c.id)).toEqual(['b', 'a']);
    expect(h.calls.list).toBe(1);
    expect(first.received).toEqual([{ type: 'snapshot', items: listed }]);

    // A second page: its list call and stream cost no engine listing.
    const second = h.open();
    expect(second.received).toEqual([{ type: 'snapshot', items: listed }]);
    expect((await h.mirror.list()).map((c) => c.id)).toEqual(['b', 'a']);
    expect(h.calls.list).toBe(1);

    // A change is looked up once and reaches every stream; the list call sees it, newest first.
    h.world.set('c', summary('c', 3));
    h.world.set('a', summary('a', 1, 'running'));
    h.emit('c', 'create');
    h.emit('a', 'start');
    await settle();
    expect(h.calls.find).toBe(2);
    for (const stream of [first, second]) expect(stream.received.slice(1).map((c) => (c.type === 'upsert' ? `${c.item.id}:${c.item.state}` : c.type)).sort()).toEqual(['a:running', 'c:created']);
    expect((await h.mirror.list()).map((c) => `${c.id}:${c.state}`)).toEqual(['c:created', 'b:created', 'a:running']);
    h.emit('b', 'destroy');
    await settle();
    expect(second.received.at(-1)).toEqual({ type: 'remove', key: 'b' });
    expect(h.calls.list).toBe(1);
    first.close();
    second.close();
    await Promise.all([first.done, second.done]);
    h.mirror.close();
  });

  it('asks the engine while the event feed is down, and sends late joiners the same disconnected message and fresh snapshot', async () => {
    const h = harness();
    const stream = h.open();
    await h.mirror.list();
    h.state({ state: 'disconnected', retryInMs: 500, message: 'gone' });
    const before = h.calls.list;
    await h.mirror.list();
    expect(h.calls.list).toBe(before + 1);
    const late = h.open();
    expect(late.received).toEqual([{ type: 'disconnected', message: 'gone', retryInMs: 500 }]);
    h.state({ state: 'connected' });
    await settle();
    for (const s of [stream, late]) expect(s.received.at(-1)?.type).toBe('snapshot');
    const listsAfterReconnect = h.calls.list;
    await h.mirror.list();
    expect(h.calls.list).toBe(listsAfterReconnect);
    stream.close();
    late.close();
    h.mirror.close();
  });

  it('stops watching the engine a while after its last reader left, and starts again on the next use', async () => {
    const h = harness(30);
    const stream = h.open();
    await h.mirror.list();
    expect(h.listeners.size).toBe(1);
    stream.close();
    await stream.done;
    await settle();
    expect(h.listeners.size).toBe(0);
    expect((await h.mirror.list()).length).toBe(2);
    expect(h.calls.list).toBe(2);
    h.mirror.close();
  });

  it('ends its streams and list calls with the error when the engine cannot list', async () => {
    const failing = new ContainersMirror({ ...({} as ContainerService), list: async () => Promise.reject(new Error('engine down')), find: async () => null }, { subscribe: () => () => {} });
    const controller = new AbortController();
    const stream = failing.subscribe({ next: () => {}, end: () => {} }, controller.signal);
    await expect(failing.list()).rejects.toThrow('engine down');
    await expect(stream).rejects.toThrow('engine down');
  });
});
