import { describe, expect, it } from 'vitest';
import { wholeUtf8Length } from './step-log.ts';

describe('wholeUtf8Length', () => {
  it('cuts before a character the chunk ends inside, and keeps whole ones', () => {
    const bytes = Buffer.from('ab€é😀', 'utf8'); // a b (1) € (3) é (2) 😀 (4)
    expect(wholeUtf8Length(bytes)).toBe(bytes.length);
    expect(wholeUtf8Length(bytes.subarray(0, bytes.length - 1))).toBe(bytes.length - 4);
    expect(wholeUtf8Length(bytes.subarray(0, 3))).toBe(2);
    expect(wholeUtf8Length(bytes.subarray(0, 4))).toBe(2);
    expect(wholeUtf8Length(bytes.subarray(0, 5))).toBe(5);
    expect(wholeUtf8Length(Buffer.from([0xe2]))).toBe(0);
    expect(wholeUtf8Length(Buffer.alloc(0))).toBe(0);
  });
});
