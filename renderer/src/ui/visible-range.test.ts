import { describe, expect, it } from 'vitest';
import { visibleRange } from './visible-range.ts';

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    expect(visibleRange(0, 100, 20, 1000, 5)).toEqual({ start: 0, end: 11 });
    expect(visibleRange(2000, 100, 20, 1000, 5)).toEqual({ start: 95, end: 111 });
    expect(visibleRange(1_000_000, 100, 20, 1000, 5)).toEqual({ start: 994, end: 1000 });
  });

  it('handles empty lists and odd inputs', () => {
    expect(visibleRange(0, 100, 20, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(-50, 100, 20, 3, 0)).toEqual({ start: 0, end: 3 });
  });

  it('renders a bounded number of rows whatever the list length', () => {
    const { start, end } = visibleRange(18 * 25_000, 600, 18, 50_000, 20);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / 18) + 1 + 40);
  });
});
