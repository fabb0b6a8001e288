import { describe, expect, it } from 'vitest';
import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import { streamContainerChanges, type ContainerEvent, type EventsStateChange } from './changes.ts';
import type { ContainerService } from './service.ts';

// Pure logic of the live list: the service and the event source are in-memory stand-ins here;
// containers.int.test.ts runs the same code against the real engine.
function summary(id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary {
  return { id, name: id, image: 'busybox', state, status: state, created: 1, ports: [], composeProject: null, composeService: null, labels: {} };
}

function harness(initial: ContainerSummary[]) {
  const world = new Map(initial.map((c) => [c.id, c]));
  const calls = { list: 0, find: 0 };
  const service: ContainerService = {
    list: async () => {
      calls.list++;
      return [...world.values()];
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
  let emit: (event: ContainerEvent) => void = () => {};
  let state: (change: EventsStateChange) => void = () => {};
  let subscribed = 0;
  const events = {
    subscribe(listener: (event: ContainerEvent) => void, onState?: (change: EventsStateChange) => void) {
      subscribed++;
      emit = listener;
      state = onState ?? (() => {});
      return () => subscribed--;
    },
  };
  const received: ContainerChange[] = [];
  const controller = new AbortController();
  const done = streamContainerChanges(service, events, { next: (c) => received.push(c), end: () => {} }, controller.signal);
  return {
    world,
    calls,
    received,
    emit: (id: string, Action: string) => emit({ Type: 'container', Action, Actor: { ID: id } }),
    state: (change: EventsStateChange) => state(change),
    subscribed: () => subscribed,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('live container changes', () => {
  it('sends a snapshot, then one patch per changed container', async () => {
    const h = harness([summary('a'), summary('b', 'exited')]);
    await settle();
    expect(h.received).toEqual([{ type: 'snapshot', items: [summary('a'), summary('b', 'exited')] }]);

    h.world.set('c', summary('c'));
    h.emit('c', 'create');
    h.emit('c', 'start');
    h.world.set('a', summary('a', 'exited'));
    h.emit('a', 'die');
    h.emit('a', 'stop');
    await settle();
    expect(h.received.slice(1)).toEqual([
      { type: 'upsert', item: summary('c') },
      { type: 'upsert', item: summary('a', 'exited') },
    ]);
    expect(h.calls.find).toBe(2);
    await h.stop();
  });

  it('removes on destroy without a lookup, and ignores exec noise', async () => {
    const h = harness([summary('a')]);
    await settle();
    h.world.delete('a');
    h.emit('a', 'destroy');
    h.emit('a', 'exec_start: sh');
    await settle();
    expect(h.received.slice(1)).toEqual([{ type: 'remove', key: 'a' }]);
    expect(h.calls.find).toBe(0);
    await h.stop();
  });

  it('answers a burst of many changes with one full list, not a lookup each', async () => {
    const h = harness([]);
    await settle();
    for (let i = 0; i < 100; i++) {
      h.world.set(`n${i}`, summary(`n${i}`, 'created'));
      h.emit(`n${i}`, 'create');
    }
    await settle();
    expect(h.calls.list).toBe(2);
    expect(h.calls.find).toBe(0);
    expect(h.received.filter((c) => c.type === 'upsert')).toHaveLength(100);
    await h.stop();
  });

  it('tells the client about a dropped event stream and resynchronises with a snapshot after it returns', async () => {
    const h = harness([summary('a')]);
    await settle();
    h.state({ state: 'disconnected', retryInMs: 500, message: 'socket hang up' });
    h.world.delete('a');
    h.world.set('b', summary('b'));
    h.state({ state: 'connected' });
    await settle();
    expect(h.received.slice(1)).toEqual([
      { type: 'disconnected', message: 'socket hang up', retryInMs: 500 },
      { type: 'snapshot', items: [summary('b')] },
    ]);
    await h.stop();
  });

  it('unsubscribes from the engine events when the client closes', async () => {
    const h = harness([]);
    await settle();
    expect(h.subscribed()).toBe(1);
    await h.stop();
    expect(h.subscribed()).toBe(0);
  });
});
