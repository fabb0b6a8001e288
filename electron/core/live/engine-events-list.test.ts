import { describe, expect, it } from 'vitest';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { DockerEvent, EventsState } from '../engine/events.ts';
import { onlyActions, streamLiveList, type LiveListEvents } from './engine-events-list.ts';

// A fake event source: the real one needs an engine; here the test fires events by hand.
function fakeEvents() {
  let listener: ((e: DockerEvent) => void) | null = null;
  let onState: ((s: EventsState) => void) | undefined;
  const source: LiveListEvents & { fire(e: Partial<DockerEvent>): void; state(s: EventsState): void; subscribed(): boolean } = {
    subscribe(l, s) {
      listener = l;
      onState = s;
      return () => (listener = null);
    },
    fire: (e) => listener?.({ Type: 'volume', Action: 'create', Actor: { ID: 'x', Attributes: {} }, time: 0, timeNano: 0, ...e }),
    state: (s) => onState?.(s),
    subscribed: () => listener !== null,
  };
  return source;
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('streamLiveList', () => {
  it('sends a snapshot, then only what changed after events; lists nothing without events', async () => {
    let items = [{ key: 'a', n: 1 }];
    let loads = 0;
    const events = fakeEvents();
    const sent: LiveListChange<{ key: string; n: number }>[] = [];
    const controller = new AbortController();
    const done = streamLiveList(
      { load: async () => (loads++, items), types: ['volume'], ignore: onlyActions({ volume: ['create'], container: ['destroy'] }), coalesceMs: 5 },
      events,
      { next: (c) => sent.push(c), end: () => {} },
      controller.signal,
    );
    await tick();
    expect(sent).toEqual([{ type: 'snapshot', items: [{ key: 'a', n: 1 }] }]);
    await tick(60);
    expect(loads).toBe(1);

    items = [{ key: 'a', n: 1 }, { key: 'b', n: 2 }];
    events.fire({});
    events.fire({});
    await tick();
    expect(loads).toBe(2);
    expect(sent.at(-1)).toEqual({ type: 'upsert', item: { key: 'b', n: 2 } });

    items = [{ key: 'b', n: 3 }];
    events.fire({ Type: 'container', Action: 'exec_start: sh' });
    await tick();
    expect(loads).toBe(2);
    events.fire({ Type: 'container', Action: 'destroy' });
    await tick();
    expect(sent.slice(-2)).toEqual([
      { type: 'upsert', item: { key: 'b', n: 3 } },
      { type: 'remove', key: 'a' },
    ]);

    events.state({ state: 'disconnected', retryInMs: 250, message: 'gone' });
    events.state({ state: 'connected' });
    await tick();
    expect(sent.slice(-2)).toEqual([
      { type: 'disconnected', message: 'gone', retryInMs: 250 },
      { type: 'snapshot', items: [{ key: 'b', n: 3 }] },
    ]);

    controller.abort();
    await done;
    expect(events.subscribed()).toBe(false);
  });
});
