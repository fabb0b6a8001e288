import { describe, expect, it } from 'vitest';
import { placeToasts } from './toast-placement.ts';

const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeToasts', () => {
  it('sits bottom right with no dialog', () => {
    expect(placeToasts({ width: 1440, height: 900 }, null)).toEqual({ right: 16, bottom: 16, width: 420 });
  });
  it('goes beside a dialog when there is room', () => {
    // A 460 px dialog centred in 1440 px: 490 px free on the right.
    const dialog = { left: 490, right: 950, top: 300, bottom: 600 };
    const place = placeToasts({ width: 1440, height: 900 }, dialog);
    expect(place).toEqual({ right: 16, bottom: 16, width: 420 });
    const toast = { left: 1440 - 16 - 420, right: 1440 - 16, top: 900 - 16 - 200, bottom: 900 - 16 };
    expect(overlaps(toast, dialog)).toBe(false);
  });
  it('narrows beside a dialog at 1024 px', () => {
    const dialog = { left: 282, right: 742, top: 200, bottom: 500 };
    expect(placeToasts({ width: 1024, height: 700 }, dialog)).toEqual({ right: 16, bottom: 16, width: 250 });
  });
  it('goes above a wide dialog, else below, else to the top', () => {
    expect(placeToasts({ width: 1024, height: 700 }, { left: 132, right: 892, top: 150, bottom: 550 })).toEqual({ right: 16, bottom: 558, width: 420 });
    expect(placeToasts({ width: 1024, height: 700 }, { left: 132, right: 892, top: 30, bottom: 550 })).toEqual({ right: 16, top: 558, width: 420 });
    expect(placeToasts({ width: 1024, height: 700 }, { left: 132, right: 892, top: 30, bottom: 670 })).toEqual({ right: 16, top: 16, width: 420 });
  });
});
