import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api/client.ts';
import type { StreamCallbacks, Transport } from '../api/transport.ts';
import { joinLiveListFeed } from './live-list-feed.ts';
import type { LiveListSpec, StreamProblem } from './live-list-spec.ts';

// Pure: the transport is a stand-in that records the streams opened (the real core and page are in
// e2e/containers.spec.ts and e2e/first-run.spec.ts).
interface Item {
  id: string;
  state: string;
}

function setup() {
  const opened: { method: string; callbacks: StreamCallbacks; closed: boolean }[] = [];
  const transport: Transport = {
    invoke: async () => ({ ok: true, value: [] }) as never,
    open: (method, _input, callbacks) => {
      const stream = { method, callbacks, closed: false };
      opened.push(stream);
      return { send: () => undefined, close: () => void (stream.closed = true) };
    },
  };
  const changes: string[] = [];
  const spec: LiveListSpec<Item> = {
    list: 'containers.list',
    input: { all: true },
    changes: 'containers.changes',
    keyOf: (item) => item.id,
    newItems: 'first',
    onChange: (change) => void changes.push(change.type),
  };
  return { api: createApiClient(transport), queryClient: new QueryClient(), spec, opened, changes };
}

describe('joinLiveListFeed', () => {
  it('opens one stream for every user of a list, folds each message in once, and closes it when the last user leaves', () => {
    const { api, queryClient, spec, opened, changes } = setup();
    const heardA: (StreamProblem | null)[] = [];
    const heardB: (StreamProblem | null)[] = [];
    const leaveA = joinLiveListFeed(api, queryClient, spec, (problem) => heardA.push(problem));
    const leaveB = joinLiveListFeed(api, queryClient, spec, (problem) => heardB.push(problem));
    expect(opened.map((s) => s.method)).toEqual(['containers.changes']);

    opened[0].callbacks.onNext({ type: 'snapshot', items: [{ id: 'a', state: 'running' }] });
    opened[0].callbacks.onNext({ type: 'upsert', item: { id: 'a', state: 'exited' } });
    expect(changes).toEqual(['snapshot', 'upsert']);
    expect(queryClient.getQueryData(['containers.list', { all: true }])).toEqual([{ id: 'a', state: 'exited' }]);

    opened[0].callbacks.onNext({ type: 'disconnected', message: 'The engine event stream dropped.', retryInMs: 1000 });
    expect(heardA.at(-1)?.message).toBe('The engine event stream dropped.');
    expect(heardB.at(-1)?.message).toBe('The engine event stream dropped.');
    const heardC: (StreamProblem | null)[] = [];
    const leaveC = joinLiveListFeed(api, queryClient, spec, (problem) => heardC.push(problem));
    expect(heardC.map((p) => p?.source)).toEqual(['engine']);
    opened[0].callbacks.onNext({ type: 'snapshot', items: [] });
    expect([heardA.at(-1), heardB.at(-1), heardC.at(-1)]).toEqual([null, null, null]);

    leaveA();
    leaveC();
    expect(opened[0].closed).toBe(false);
    leaveB();
    expect(opened[0].closed).toBe(true);
    joinLiveListFeed(api, queryClient, spec, () => undefined)();
    expect(opened).toHaveLength(2);
  });

  it('gives each list its own stream', () => {
    const { api, queryClient, spec, opened } = setup();
    const images: LiveListSpec<Item> = { ...spec, list: 'images.list', input: { all: false }, changes: 'images.changes', onChange: undefined };
    const leaves = [joinLiveListFeed(api, queryClient, spec, () => undefined), joinLiveListFeed(api, queryClient, images, () => undefined)];
    expect(opened.map((s) => s.method)).toEqual(['containers.changes', 'images.changes']);
    for (const leave of leaves) leave();
    expect(opened.every((s) => s.closed)).toBe(true);
  });
});
