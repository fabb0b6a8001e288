import { startTransition, useEffect, useState } from 'react';

/** Rows drawn in the first frame of a new list: more than a tall window shows. */
export const FIRST_ROWS = 40;

/**
 * The rows of a long table to draw now: the first FIRST_ROWS in the frame that shows a new list
 * (first paint, a filter's answer), the rest right after in a transition (input stays responsive
 * and the page is complete a frame or two later). A list of 10 rows and one of 200 cost the same
 * to show; nothing is left out for long, so find-in-page and "select all" still see every row.
 */
export function useProgressiveRows<T>(items: readonly T[]): readonly T[] {
  const [shown, setShown] = useState<{ items: readonly T[]; all: boolean }>({ items, all: items.length <= FIRST_ROWS });
  const current = shown.items === items ? shown : { items, all: items.length <= FIRST_ROWS };
  if (current !== shown) setShown(current);
  useEffect(() => {
    if (current.all) return;
    const frame = requestAnimationFrame(() => startTransition(() => setShown({ items, all: true })));
    return () => cancelAnimationFrame(frame);
  }, [current.all, items]);
  return current.all ? items : items.slice(0, FIRST_ROWS);
}
