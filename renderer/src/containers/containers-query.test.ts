import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { createLiveListCacheWriter } from '../live/live-list-cache.ts';
import { CONTAINERS_LIST_KEY, liveContainers } from '../live/lists.ts';

const createContainersCacheWriter = (client: QueryClient) => createLiveListCacheWriter(client, CONTAINERS_LIST_KEY, liveContainers);
import { makeContainer } from './test-containers.ts';

describe('containers cache writer', () => {
  it('patches the cached list incrementally from stream messages', () => {
    const client = new QueryClient();
    const writer = createContainersCacheWriter(client);
    const a = makeContainer({ id: 'a' });
    const b = makeContainer({ id: 'b' });
    writer.apply({ type: 'snapshot', items: [a] });
    writer.apply({ type: 'upsert', item: b });
    writer.apply({ type: 'disconnected', message: 'lost', retryInMs: 500 });
    expect(client.getQueryData(CONTAINERS_LIST_KEY)).toEqual([b, a]);
    writer.apply({ type: 'remove', key: 'a' });
    expect(client.getQueryData(CONTAINERS_LIST_KEY)).toEqual([b]);
  });

  it('drops a list call result when the stream wrote while it was in flight', async () => {
    const client = new QueryClient();
    const writer = createContainersCacheWriter(client);
    let answer: (list: ContainerSummary[]) => void = () => {};
    const fetched = writer.fetchList(() => new Promise((resolve) => (answer = resolve)));
    const fresh = makeContainer({ id: 'fresh', state: 'exited' });
    writer.apply({ type: 'snapshot', items: [fresh] });
    answer([makeContainer({ id: 'fresh', state: 'running' })]);
    await expect(fetched).resolves.toEqual([fresh]);
  });

  it('uses the list call result when the stream was silent', async () => {
    const client = new QueryClient();
    const writer = createContainersCacheWriter(client);
    const list = [makeContainer({ id: 'x' })];
    await expect(writer.fetchList(async () => list)).resolves.toBe(list);
  });
});
