import { describe, expect, it } from 'vitest';
import { formatMiB, formatValue } from './format-gpu.ts';

describe('format-gpu', () => {
  it('formats memory', () => {
    expect(formatMiB(143771)).toBe('140 GiB');
    expect(formatMiB(8112)).toBe('7.9 GiB');
    expect(formatMiB(2048)).toBe('2 GiB');
    expect(formatMiB(512)).toBe('512 MiB');
    expect(formatMiB(null)).toBe('—');
  });
  it('formats values with units', () => {
    expect(formatValue(119.47, ' W')).toBe('119 W');
    expect(formatValue(null, ' %')).toBe('—');
  });
});
