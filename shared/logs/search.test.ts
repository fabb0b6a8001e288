import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer.ts';
import { firstMatchFromLine, nextMatchIndex, previousMatchIndex, searchLines } from './search.ts';

function buffer(texts: string[]): LineBuffer<{ text: string }> {
  const lines = new LineBuffer<{ text: string }>(100);
  lines.append(texts.map((text) => ({ text })));
  return lines;
}

describe('searchLines', () => {
  it('finds case-insensitive matches with offsets in the visible text', () => {
    const lines = buffer(['Epoch 1 loss=0.5', '\x1b[31mERROR\x1b[0m: epoch failed', 'nothing', 'epochepoch']);
    expect(searchLines(lines, 'epoch').matches).toEqual([
      { line: 0, start: 0, end: 5 },
      { line: 1, start: 7, end: 12 },
      { line: 3, start: 0, end: 5 },
      { line: 3, start: 5, end: 10 },
    ]);
  });

  it('does not match inside escape sequences', () => {
    expect(searchLines(buffer(['\x1b[31mred']), '31m').matches).toEqual([]);
  });

  it('treats the query as plain text, not a pattern', () => {
    expect(searchLines(buffer(['a.b', 'axb', '(x)']), 'a.b').matches).toEqual([{ line: 0, start: 0, end: 3 }]);
    expect(searchLines(buffer(['(x)']), '(x)').matches).toEqual([{ line: 0, start: 0, end: 3 }]);
  });

  it('returns nothing for an empty query', () => {
    expect(searchLines(buffer(['abc']), '')).toEqual({ matches: [], truncated: false });
  });

  it('stops at maxMatches and says so', () => {
    const result = searchLines(buffer(Array.from({ length: 50 }, () => 'aaaa')), 'a', 10);
    expect(result.matches).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });
});

describe('match navigation', () => {
  const matches = [
    { line: 2, start: 0, end: 1 },
    { line: 5, start: 0, end: 1 },
    { line: 9, start: 0, end: 1 },
  ];

  it('moves forward and back, wrapping at both ends', () => {
    expect(nextMatchIndex(matches, -1)).toBe(0);
    expect(nextMatchIndex(matches, 0)).toBe(1);
    expect(nextMatchIndex(matches, 2)).toBe(0);
    expect(previousMatchIndex(matches, 0)).toBe(2);
    expect(previousMatchIndex(matches, 2)).toBe(1);
    expect(nextMatchIndex([], 0)).toBe(-1);
    expect(previousMatchIndex([], 0)).toBe(-1);
  });

  it('finds the first match at or after a line', () => {
    expect(firstMatchFromLine(matches, 0)).toBe(0);
    expect(firstMatchFromLine(matches, 5)).toBe(1);
    expect(firstMatchFromLine(matches, 6)).toBe(2);
    expect(firstMatchFromLine(matches, 10)).toBe(0);
    expect(firstMatchFromLine([], 3)).toBe(-1);
  });
});
