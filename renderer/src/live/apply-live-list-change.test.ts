import { describe, expect, it } from 'vitest';
import { applyLiveListChange } from './apply-live-list-change.ts';

type Item = { key: string; n: number };
const byKey = { keyOf: (item: Item) => item.key, newItems: 'last' as const };

describe('applyLiveListChange', () => {
  it('replaces on snapshot, upserts by key keeping other items, removes by key', () => {
    const a = { key: 'a', n: 1 };
    const b = { key: 'b', n: 2 };
    let list = applyLiveListChange<Item>(undefined, { type: 'snapshot', items: [a, b] }, byKey);
    expect(list).toEqual([a, b]);
    list = applyLiveListChange(list, { type: 'upsert', item: { key: 'b', n: 3 } }, byKey);
    expect(list?.[0]).toBe(a);
    expect(list?.[1]).toEqual({ key: 'b', n: 3 });
    list = applyLiveListChange(list, { type: 'upsert', item: { key: 'c', n: 4 } }, byKey);
    expect(list?.map((i) => i.key)).toEqual(['a', 'b', 'c']);
    list = applyLiveListChange(list, { type: 'remove', key: 'a' }, byKey);
    expect(list?.map((i) => i.key)).toEqual(['b', 'c']);
    expect(applyLiveListChange(list, { type: 'disconnected', message: 'x', retryInMs: 1 }, byKey)).toBe(list);
  });
});
