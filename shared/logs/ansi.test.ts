import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSI_STYLE, parseAnsi, stripAnsi, xterm256ToHex, type AnsiSpan } from './ansi.ts';

const span = (text: string, style: Partial<AnsiSpan> = {}): AnsiSpan => ({ ...DEFAULT_ANSI_STYLE, text, ...style });

describe('parseAnsi', () => {
  it('returns one default span for plain text and none for empty text', () => {
    expect(parseAnsi('hello')).toEqual([span('hello')]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('applies the 16 colours, bright colours and resets', () => {
    expect(parseAnsi('\x1b[31mred\x1b[0m plain \x1b[92;104mbright\x1b[39;49m def')).toEqual([
      span('red', { fg: 1 }),
      span(' plain '),
      span('bright', { fg: 10, bg: 12 }),
      span(' def'),
    ]);
  });

  it('applies attributes and their individual resets', () => {
    expect(parseAnsi('\x1b[1;3;4;7mall\x1b[22;23mu+i\x1b[24;27mnone\x1b[2mdim')).toEqual([
      span('all', { bold: true, italic: true, underline: true, inverse: true }),
      span('u+i', { underline: true, inverse: true }),
      span('none'),
      span('dim', { dim: true }),
    ]);
  });

  it('treats ESC[m as a full reset', () => {
    expect(parseAnsi('\x1b[1;31mx\x1b[my')).toEqual([span('x', { bold: true, fg: 1 }), span('y')]);
  });

  it('reads 256-colour and truecolor, semicolon and colon forms', () => {
    expect(parseAnsi('\x1b[38;5;208mo\x1b[48;2;10;20;255mt\x1b[38:2::1:2:3mc\x1b[48:5:17md')).toEqual([
      span('o', { fg: 208 }),
      span('t', { fg: 208, bg: '#0a14ff' }),
      span('c', { fg: '#010203', bg: '#0a14ff' }),
      span('d', { fg: '#010203', bg: 17 }),
    ]);
  });

  it('keeps parsing after an extended colour in the same sequence', () => {
    expect(parseAnsi('\x1b[38;5;1;1mx')).toEqual([span('x', { fg: 1, bold: true })]);
  });

  it('drops cursor moves, erase-line, OSC titles and links, charset switches and BEL', () => {
    const text = '\x1b[2K\x1b[1G\x1b]0;title\x07\x1b(Ba\x1b[Kb\x1b]8;;https://x.io\x1b\\link\x1b]8;;\x1b\\\x07c\x1b[?25l';
    expect(parseAnsi(text)).toEqual([span('ablinkc')]);
  });

  it('merges neighbouring text of the same style across no-op escapes', () => {
    expect(parseAnsi('a\x1b[1m\x1b[0mb\x1b[Kc')).toEqual([span('abc')]);
  });

  it('survives a truncated escape at the end of the line', () => {
    expect(parseAnsi('ok\x1b[3')).toEqual([span('ok')]);
    expect(parseAnsi('ok\x1b')).toEqual([span('ok')]);
  });
});

describe('stripAnsi', () => {
  it('removes every escape and equals the joined span texts', () => {
    const text = '\x1b[32m✔\x1b[0m step \x1b]0;t\x07done\x1b[K \x1b[38;2;1;2;3mrgb';
    expect(stripAnsi(text)).toBe('✔ step done rgb');
    expect(parseAnsi(text).map((s) => s.text).join('')).toBe(stripAnsi(text));
  });

  it('returns the same string when there is nothing to strip', () => {
    const text = 'no escapes here';
    expect(stripAnsi(text)).toBe(text);
  });
});

describe('xterm256ToHex', () => {
  it('maps the cube and the grey ramp', () => {
    expect(xterm256ToHex(16)).toBe('#000000');
    expect(xterm256ToHex(196)).toBe('#ff0000');
    expect(xterm256ToHex(231)).toBe('#ffffff');
    expect(xterm256ToHex(232)).toBe('#080808');
    expect(xterm256ToHex(255)).toBe('#eeeeee');
    expect(xterm256ToHex(7)).toBeNull();
  });
});
