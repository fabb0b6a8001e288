import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer.ts';

describe('LineBuffer', () => {
  it('keeps lines in order below capacity', () => {
    const buffer = new LineBuffer<string>(5);
    buffer.append(['a', 'b']);
    buffer.append(['c']);
    expect(buffer.length).toBe(3);
    expect(buffer.slice()).toEqual(['a', 'b', 'c']);
    expect(buffer.get(0)).toBe('a');
    expect(buffer.get(3)).toBeUndefined();
    expect(buffer.get(-1)).toBeUndefined();
    expect(buffer.droppedCount).toBe(0);
  });

  it('drops the oldest lines once full and counts them', () => {
    const buffer = new LineBuffer<number>(3);
    buffer.append([1, 2]);
    buffer.append([3, 4]);
    buffer.append([5]);
    expect(buffer.slice()).toEqual([3, 4, 5]);
    expect(buffer.droppedCount).toBe(2);
    expect(buffer.firstLineNumber).toBe(2);
    expect(buffer.get(2)).toBe(5);
  });

  it('keeps only the tail of a batch larger than the capacity', () => {
    const buffer = new LineBuffer<number>(3);
    buffer.append([0]);
    buffer.append([1, 2, 3, 4, 5, 6]);
    expect(buffer.slice()).toEqual([4, 5, 6]);
    expect(buffer.droppedCount).toBe(4);
  });

  it('never grows beyond capacity: 1,000,000 lines into 50,000', () => {
    const buffer = new LineBuffer<{ text: string }>();
    const batch = Array.from({ length: 1000 }, (_, i) => ({ text: `line ${i}` }));
    for (let round = 0; round < 1000; round++) buffer.append(batch);
    expect(buffer.capacity).toBe(50_000);
    expect(buffer.length).toBe(50_000);
    expect(buffer.droppedCount).toBe(950_000);
    expect(buffer.get(49_999)).toBe(batch[999]);
    expect(buffer.slice(0, 1)).toEqual([batch[0]]);
  });

  it('clears everything and bumps the revision', () => {
    const buffer = new LineBuffer<string>(2);
    buffer.append(['a', 'b', 'c']);
    const before = buffer.revision;
    buffer.clear();
    expect(buffer.length).toBe(0);
    expect(buffer.droppedCount).toBe(0);
    expect(buffer.revision).toBeGreaterThan(before);
    buffer.append(['d']);
    expect(buffer.slice()).toEqual(['d']);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new LineBuffer(0)).toThrow(RangeError);
  });
});
