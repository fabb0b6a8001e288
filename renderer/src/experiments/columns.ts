import type { TrackingRun } from '../../../shared/api/methods/tracking.ts';

/** A chosen column: `metrics.<key>`, `params.<key>` or `tags.<key>` (MLflow's own prefixes). */
export type ColumnId = `metrics.${string}` | `params.${string}` | `tags.${string}`;

export const COLUMNS_SETTING = 'experiments.columns';

export function cellValue(run: TrackingRun, column: string): string {
  const dot = column.indexOf('.');
  const kind = column.slice(0, dot);
  const key = column.slice(dot + 1);
  if (kind === 'metrics') return Object.hasOwn(run.metrics, key) ? String(Number(run.metrics[key].toPrecision(6))) : '—';
  if (kind === 'params') return run.params[key] ?? '—';
  if (kind === 'tags') return run.tags[key] ?? '—';
  return '—';
}

/** The stored choice when there is one (even empty), else the first few of the runs' own metrics. */
export function effectiveColumns(stored: unknown, metricKeys: readonly string[]): string[] {
  if (Array.isArray(stored) && stored.every((c) => typeof c === 'string')) return stored;
  return metricKeys.filter((k) => !k.startsWith('system/')).slice(0, 4).map((k) => `metrics.${k}`);
}
