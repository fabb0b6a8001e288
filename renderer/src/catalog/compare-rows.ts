import type { ModelVersion } from '../../../shared/catalog/model.ts';

export interface CompareRow {
  section: 'metrics' | 'params' | 'tags';
  key: string;
  /** One cell per version, in the versions' order; null where the version lacks the key. */
  values: (string | null)[];
  /** True when the versions do not all hold the same value. */
  differs: boolean;
  /** For metrics: the index of the best value (highest; lowest for losses and errors), null when none stands out. */
  best: number | null;
}

/** Metrics where less is better, by name (loss, error, rmse, mae, mse, perplexity, latency). */
export function lowerIsBetter(metric: string): boolean {
  return /(loss|err|rmse|mae|mse|perplexity|latency|duration)/i.test(metric);
}

const formatMetric = (value: number | null) => (value === null ? 'NaN' : String(Number(value.toPrecision(6))));

/** Params, metrics and tags of several versions side by side, each row flagged when its values differ. */
export function compareRows(versions: readonly ModelVersion[]): CompareRow[] {
  const rows: CompareRow[] = [];
  const sections = [
    ['metrics', (v: ModelVersion) => v.metrics],
    ['params', (v: ModelVersion) => v.params],
    ['tags', (v: ModelVersion) => v.tags],
  ] as const;
  for (const [section, pick] of sections) {
    const keys = [...new Set(versions.flatMap((v) => Object.keys(pick(v))))].sort();
    for (const key of keys) {
      const raw = versions.map((v) => (key in pick(v) ? (pick(v) as Record<string, string | number | null>)[key] : undefined));
      const values = raw.map((value) => (value === undefined ? null : section === 'metrics' ? formatMetric(value as number | null) : String(value)));
      const differs = new Set(values.map((v) => v ?? '\u0000missing')).size > 1;
      let best: number | null = null;
      if (section === 'metrics' && differs) {
        raw.forEach((value, index) => {
          const better = (a: number, b: number) => (lowerIsBetter(key) ? a < b : a > b);
          if (typeof value === 'number' && (best === null || better(value, raw[best] as number))) best = index;
        });
      }
      rows.push({ section, key, values, differs, best });
    }
  }
  return rows;
}

export interface PlotPoint {
  version: number;
  value: number;
  x: number;
  y: number;
  label: string;
}

/** Points of one metric across versions, scaled into a width × height box with padding. */
export function metricPoints(versions: readonly ModelVersion[], metric: string, width: number, height: number, pad = 32): { points: PlotPoint[]; min: number; max: number } {
  const withValue = versions
    .flatMap((v) => {
      const value = v.metrics[metric];
      return typeof value === 'number' && Number.isFinite(value) ? [{ version: v.version, value, aliases: v.aliases }] : [];
    })
    .sort((a, b) => a.version - b.version);
  if (withValue.length === 0) return { points: [], min: 0, max: 0 };
  const min = Math.min(...withValue.map((p) => p.value));
  const max = Math.max(...withValue.map((p) => p.value));
  const span = max - min || Math.abs(max) || 1;
  const low = max === min ? min - span / 2 : min;
  const high = max === min ? max + span / 2 : max;
  const first = withValue[0].version;
  const last = withValue[withValue.length - 1].version;
  const x = (version: number) => (last === first ? width / 2 : pad + ((version - first) / (last - first)) * (width - 2 * pad));
  const y = (value: number) => height - pad - ((value - low) / (high - low)) * (height - 2 * pad);
  return {
    points: withValue.map((p) => ({ version: p.version, value: p.value, x: x(p.version), y: y(p.value), label: `v${p.version}${p.aliases.length ? ` (${p.aliases.join(', ')})` : ''}: ${formatMetric(p.value)}` })),
    min,
    max,
  };
}
