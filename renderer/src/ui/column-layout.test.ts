import { describe, expect, it } from 'vitest';
import { fitColumns } from './column-priorities.ts';
import { offscreenColumns, scrollToNextColumn } from './offscreen-columns.ts';

describe('fitColumns', () => {
  const columns = [
    { id: 'select', minWidth: 40, priority: 0 },
    { id: 'name', minWidth: 200, priority: 0 },
    { id: 'image', minWidth: 160, priority: 0 },
    { id: 'state', minWidth: 90, priority: 1 },
    { id: 'status', minWidth: 140, priority: 2 },
    { id: 'ports', minWidth: 140, priority: 3 },
    { id: 'usage', minWidth: 130, priority: 4 },
    { id: 'age', minWidth: 110, priority: 4 },
    { id: 'actions', minWidth: 150, priority: 0 },
  ];
  it('keeps everything when it fits', () => {
    expect(fitColumns(columns, 2000).size).toBe(9);
  });
  it('drops the least important level first, a whole level at a time', () => {
    expect([...fitColumns(columns, 1000)]).toEqual(['select', 'name', 'image', 'state', 'status', 'ports', 'actions']);
    expect([...fitColumns(columns, 700)]).toEqual(['select', 'name', 'image', 'state', 'actions']);
  });
  it('never drops the columns that name the row, however narrow', () => {
    expect([...fitColumns(columns, 100)]).toEqual(['select', 'name', 'image', 'actions']);
  });
});

describe('offscreenColumns', () => {
  // Five 100 px columns; the first one is pinned.
  const columns = [0, 100, 200, 300, 400].map((left) => ({ left, width: 100 }));
  it('counts the columns hidden on the right', () => {
    expect(offscreenColumns(columns, 0, 250)).toEqual({ before: 0, after: 3 });
    expect(offscreenColumns(columns, 0, 500)).toEqual({ before: 0, after: 0 });
  });
  it('counts the columns scrolled under the pinned first column on the left', () => {
    expect(offscreenColumns(columns, 150, 350)).toEqual({ before: 2, after: 0 });
    expect(offscreenColumns(columns, 100, 400)).toEqual({ before: 1, after: 0 });
  });
  it('tolerates sub-pixel widths', () => {
    expect(offscreenColumns(columns, 0, 499.5)).toEqual({ before: 0, after: 0 });
  });
  it('scrolls so the next hidden column comes into view', () => {
    expect(scrollToNextColumn(columns, 0, 250)).toBe(100);
    expect(scrollToNextColumn(columns, 0, 500)).toBeNull();
  });
});
