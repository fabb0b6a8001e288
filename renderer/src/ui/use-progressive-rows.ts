import { startTransition, useEffect, useState } from 'react';

/** Rows drawn in the first frame of a new list: more than a tall window shows. */
export const FIRST_ROWS = 40;
/**
 * A list up to this long is drawn whole in its first frame: putting off a short tail costs the whole
 * table one more render and one more frame (~20 ms) before it is complete, more than drawing the tail.
 */
export const WHOLE_UP_TO = 2 * FIRST_ROWS;

/**
 * The rows of a long table to draw now. A list longer than WHOLE_UP_TO shows its first FIRST_ROWS
 * in the frame that shows it (first paint, a filter's answer) and the rest right after in a
 * transition (input stays responsive and the page is complete a frame or two later). A list of 10
 * rows and one of 200 cost about the same to show; nothing is left out for long, so find-in-page
 * and "select all" still see every row.
 */
export function useProgressiveRows<T>(items: readonly T[]): readonly T[] {
  const [shown, setShown] = useState<{ items: readonly T[]; all: boolean }>({ items, all: items.length <= WHOLE_UP_TO });
  const current = shown.items === items ? shown : { items, all: items.length <= WHOLE_UP_TO };
  if (current !== shown) setShown(current);
  useEffect(() => {
    if (current.all) return;
    const frame = requestAnimationFrame(() => startTransition(() => setShown({ items, all: true })));
    return () => cancelAnimationFrame(frame);
  }, [current.all, items]);
  return current.all ? items : items.slice(0, FIRST_ROWS);
}
