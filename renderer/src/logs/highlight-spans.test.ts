import { describe, expect, it } from 'vitest';
import { parseAnsi } from '../../../shared/logs/ansi.ts';
import { highlightSpans } from './highlight-spans.ts';

const summary = (line: string, ranges: Parameters<typeof highlightSpans>[1]) =>
  highlightSpans(parseAnsi(line), ranges).map((p) => [p.text, p.highlight, p.style.fg]);

describe('highlightSpans', () => {
  it('passes spans through when nothing matches', () => {
    expect(summary('\x1b[31mred\x1b[0m plain', [])).toEqual([
      ['red', 'none', 1],
      [' plain', 'none', null],
    ]);
  });

  it('cuts a match out of the middle of a span', () => {
    expect(summary('hello world', [{ start: 6, end: 11, current: false }])).toEqual([
      ['hello ', 'none', null],
      ['world', 'match', null],
    ]);
  });

  it('splits a match that crosses a colour change, keeping both styles', () => {
    expect(summary('ab\x1b[32mcd\x1b[0mef', [{ start: 1, end: 5, current: true }])).toEqual([
      ['a', 'none', null],
      ['b', 'current', null],
      ['cd', 'current', 2],
      ['e', 'current', null],
      ['f', 'none', null],
    ]);
  });

  it('handles several matches in one span, and the current one among them', () => {
    expect(summary('x x x', [
      { start: 0, end: 1, current: false },
      { start: 2, end: 3, current: true },
      { start: 4, end: 5, current: false },
    ])).toEqual([
      ['x', 'match', null],
      [' ', 'none', null],
      ['x', 'current', null],
      [' ', 'none', null],
      ['x', 'match', null],
    ]);
  });

  it('keeps the visible text intact', () => {
    const line = '\x1b[1mINFO\x1b[0m request \x1b[36m/api/items\x1b[0m 200';
    const pieces = highlightSpans(parseAnsi(line), [{ start: 2, end: 9, current: false }, { start: 14, end: 20, current: false }]);
    expect(pieces.map((p) => p.text).join('')).toBe('INFO request /api/items 200');
  });
});
