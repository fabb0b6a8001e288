/** A table column that may be left out when the table is narrow. */
export interface PrioritizedColumn<Id extends string = string> {
  id: Id;
  /** The width it needs to be useful, in px. */
  minWidth: number;
  /**
   * 0: always shown (the columns that name the row and its actions); higher numbers go first when
   * space runs out (the highest priority number is the least important).
   */
  priority: number;
}

/**
 * The columns that fit in `available` px: every priority-0 column, then the rest from the most
 * important down, dropping whole priority levels from the least important until the minimum widths
 * fit. Order is kept.
 */
export function fitColumns<Id extends string>(columns: readonly PrioritizedColumn<Id>[], available: number): Set<Id> {
  const levels = [...new Set(columns.map((c) => c.priority))].sort((a, b) => b - a);
  let shown = [...columns];
  const total = () => shown.reduce((sum, c) => sum + c.minWidth, 0);
  for (const level of levels) {
    if (total() <= available || level === 0) break;
    shown = shown.filter((c) => c.priority !== level);
  }
  return new Set(shown.map((c) => c.id));
}
