/**
 * The engine's `label` prune filter: every entry, "key" (present) or "key=value", must match.
 * An empty filter matches everything.
 */
export function matchesLabels(labels: Record<string, string> | null | undefined, filters: readonly string[]): boolean {
  return filters.every((filter) => {
    const eq = filter.indexOf('=');
    if (eq === -1) return labels != null && Object.prototype.hasOwnProperty.call(labels, filter);
    const key = filter.slice(0, eq);
    return labels != null && Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === filter.slice(eq + 1);
  });
}
