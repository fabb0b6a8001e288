import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.ts';

function split(parts: string[], splitter = new LineSplitter()): { lines: string[]; rest: string | null } {
  const lines: string[] = [];
  for (const part of parts) splitter.push(part, lines);
  return { lines, rest: splitter.flush() };
}

describe('LineSplitter', () => {
  it('splits at \\n and keeps an unfinished last line for flush', () => {
    expect(split(['a\nb\nc'])).toEqual({ lines: ['a', 'b'], rest: 'c' });
    expect(split(['a\n'])).toEqual({ lines: ['a'], rest: null });
  });

  it('joins a line cut across pushes', () => {
    expect(split(['hel', 'lo wo', 'rld\nnext', '\n'])).toEqual({ lines: ['hello world', 'next'], rest: null });
  });

  it('keeps empty lines and \\r before \\n', () => {
    expect(split(['\n\nx\r\n'])).toEqual({ lines: ['', '', 'x\r'], rest: null });
  });

  it('cuts an endless line at maxLineLength', () => {
    const splitter = new LineSplitter(4);
    expect(split(['abcdefghij'], splitter)).toEqual({ lines: ['abcd', 'efgh'], rest: 'ij' });
  });
});
