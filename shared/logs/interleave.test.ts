import { describe, expect, it } from 'vitest';
import { LogInterleaver, timestampKey } from './interleave.ts';

describe('timestampKey', () => {
  it('sorts trimmed fractions like the instants they are', () => {
    const a = timestampKey('2026-01-01T00:00:05.1Z');
    const b = timestampKey('2026-01-01T00:00:05.123456789Z');
    const c = timestampKey('2026-01-01T00:00:05Z');
    expect([b, a, c].sort()).toEqual([c, a, b]);
  });
});

describe('LogInterleaver', () => {
  it('drains the lines of several streams in time order, ties in arrival order', () => {
    const merge = new LogInterleaver<{ ts: string | null; text: string }>();
    merge.add([
      { ts: '2026-01-01T00:00:01Z', text: 'db 1' },
      { ts: '2026-01-01T00:00:03Z', text: 'db 3' },
    ]);
    merge.add([
      { ts: '2026-01-01T00:00:02.5Z', text: 'web 2.5' },
      { ts: '2026-01-01T00:00:03Z', text: 'web 3' },
    ]);
    expect(merge.pendingCount).toBe(4);
    expect(merge.drain().map((l) => l.text)).toEqual(['db 1', 'web 2.5', 'db 3', 'web 3']);
    expect(merge.pendingCount).toBe(0);
    expect(merge.drain()).toEqual([]);
  });
});
