/** A column's horizontal extent inside its scrolled table, in px. */
export interface ColumnExtent {
  left: number;
  width: number;
}

/**
 * How many columns of a horizontally scrolled table are not fully in view, on each side. The first
 * `sticky` columns stay pinned (they never count), and the columns scrolled under them count as
 * hidden on the left. `viewLeft` is the scroll offset, `viewWidth` the visible width.
 */
export function offscreenColumns(columns: readonly ColumnExtent[], viewLeft: number, viewWidth: number, sticky = 1): { before: number; after: number } {
  const pinned = columns.slice(0, sticky).reduce((sum, c) => sum + c.width, 0);
  const visibleLeft = viewLeft + pinned;
  const visibleRight = viewLeft + viewWidth;
  let before = 0;
  let after = 0;
  for (const column of columns.slice(sticky)) {
    // One pixel of slack: sub-pixel widths must not count a column that is really in view.
    if (column.left + column.width > visibleRight + 1) after++;
    else if (column.left < visibleLeft - 1) before++;
  }
  return { before, after };
}

/**
 * The scroll offset that puts the first column hidden on the right just beside the pinned columns
 * (a page of columns at a time); null when none is hidden.
 */
export function scrollToNextColumn(columns: readonly ColumnExtent[], viewLeft: number, viewWidth: number, sticky = 1): number | null {
  const visibleRight = viewLeft + viewWidth;
  const next = columns.slice(sticky).find((c) => c.left + c.width > visibleRight + 1);
  if (!next) return null;
  const pinned = columns.slice(0, sticky).reduce((sum, c) => sum + c.width, 0);
  return Math.max(viewLeft + 1, next.left - pinned);
}
