import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';

describe('formatBytes', () => {
  it('writes decimal units by default, as docker system df does', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(null)).toBe('—');
  });

  it('writes binary units when asked, as memory and live stats are', () => {
    expect(formatBytes(0, 'binary')).toBe('0 B');
    expect(formatBytes(1536, 'binary')).toBe('1.50 KiB');
    expect(formatBytes(150 * 1024 * 1024, 'binary')).toBe('150 MiB');
    expect(formatBytes(undefined, 'binary')).toBe('0 B');
  });
});
