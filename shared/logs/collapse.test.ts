import { describe, expect, it } from 'vitest';
import { collapseCarriageReturns } from './collapse.ts';

describe('collapseCarriageReturns', () => {
  it('leaves a plain line alone', () => {
    expect(collapseCarriageReturns('hello world')).toBe('hello world');
    expect(collapseCarriageReturns('')).toBe('');
  });

  it('keeps only the last redraw of a tqdm-like progress line', () => {
    const tqdm = '  0%|          | 0/3 [00:00<?, ?it/s]\r 33%|███▎      | 1/3\r 67%|██████▋   | 2/3\r100%|██████████| 3/3';
    expect(collapseCarriageReturns(tqdm)).toBe('100%|██████████| 3/3');
  });

  it('treats a trailing \\r (from \\r\\n) as part of the newline', () => {
    expect(collapseCarriageReturns('tty line\r')).toBe('tty line');
    expect(collapseCarriageReturns('a\rb\r')).toBe('b');
    expect(collapseCarriageReturns('progress 10%\rprogress 100%\r\r')).toBe('progress 100%');
  });

  it('keeps ANSI escapes after the last \\r', () => {
    expect(collapseCarriageReturns('x\r\x1b[K\x1b[32mdone\x1b[0m')).toBe('\x1b[K\x1b[32mdone\x1b[0m');
  });

  it('returns an empty line when the line is only carriage returns', () => {
    expect(collapseCarriageReturns('\r\r')).toBe('');
    expect(collapseCarriageReturns('\r')).toBe('');
  });
});
