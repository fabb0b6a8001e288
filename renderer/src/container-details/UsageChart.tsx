export interface UsageChartProps {
  values: readonly number[];
  /** The top of the scale; defaults to the largest value. */
  max?: number;
  label: string;
  className?: string;
}

const WIDTH = 100;
const HEIGHT = 30;

/** A small line chart of recent values, scaled to its box. */
export function UsageChart({ values, max, label, className }: UsageChartProps) {
  const top = Math.max(max ?? 0, ...values, 1e-9);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const points = values.map((value, i) => `${(i * step).toFixed(2)},${(HEIGHT - (Math.min(value, top) / top) * (HEIGHT - 2) - 1).toFixed(2)}`).join(' ');
  return (
    <svg className={`usage-chart ${className ?? ''}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
      {values.length > 1 && <polyline points={`0,${HEIGHT} ${points} ${WIDTH},${HEIGHT}`} className="usage-chart-area" />}
      {values.length > 1 && <polyline points={points} className="usage-chart-line" />}
    </svg>
  );
}
