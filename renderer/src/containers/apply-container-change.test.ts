import { describe, expect, it } from 'vitest';
import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import { applyLiveListChange } from '../live/apply-live-list-change.ts';
import { liveContainers } from '../live/lists.ts';

const applyContainerChange = (list: readonly ContainerSummary[] | undefined, change: ContainerChange) => applyLiveListChange(list, change, liveContainers);
import { makeContainer } from './test-containers.ts';

const web = makeContainer({ id: 'a', name: 'web' });
const db = makeContainer({ id: 'b', name: 'db', image: 'postgres:16' });

describe('the containers live list folds stream messages', () => {
  it('replaces everything with a snapshot, also after a reconnect', () => {
    expect(applyContainerChange(undefined, { type: 'snapshot', items: [web] })).toEqual([web]);
    expect(applyContainerChange([web, db], { type: 'snapshot', items: [db] })).toEqual([db]);
  });

  it('upserts in place and puts new containers first', () => {
    const stopped = { ...web, state: 'exited' as const, status: 'Exited (0) 1 second ago' };
    const list = [web, db];
    const next = applyContainerChange(list, { type: 'upsert', item: stopped });
    expect(next).toEqual([stopped, db]);
    expect(list).toEqual([web, db]);
    expect(next?.[1]).toBe(db);

    const cache = makeContainer({ id: 'c', name: 'cache' });
    expect(applyContainerChange([web, db], { type: 'upsert', item: cache })).toEqual([cache, web, db]);
    expect(applyContainerChange(undefined, { type: 'upsert', item: cache })).toEqual([cache]);
  });

  it('removes by id and keeps the same array when the id is unknown', () => {
    const list = [web, db];
    expect(applyContainerChange(list, { type: 'remove', key: 'a' })).toEqual([db]);
    expect(applyContainerChange(list, { type: 'remove', key: 'zzz' })).toBe(list);
    expect(applyContainerChange(undefined, { type: 'remove', key: 'a' })).toBeUndefined();
  });

  it('leaves the list untouched when the event stream is disconnected', () => {
    const list = [web];
    expect(applyContainerChange(list, { type: 'disconnected', message: 'lost', retryInMs: 1000 })).toBe(list);
  });

  it('stays fast on 2,000 rows', () => {
    let list = Array.from({ length: 2000 }, (_, i) => makeContainer({ id: `c${i}` }));
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      list = applyContainerChange(list, { type: 'upsert', item: makeContainer({ id: `c${i * 3}`, state: 'exited' }) }) ?? [];
    }
    expect(list).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
