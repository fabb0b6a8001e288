export interface SparklineProps {
  /** Oldest first; nulls leave gaps. */
  values: readonly (number | null)[];
  /** The value at the top of the chart (100 for percentages, the memory total…); defaults to the largest value. */
  max?: number | null;
  label: string;
  /** The current value as text, shown beside the chart. */
  current: string;
  capacity?: number;
}

const WIDTH = 120;
const HEIGHT = 28;

/** A small SVG line chart of the last samples. */
export function Sparkline({ values, max, label, current, capacity = 60 }: SparklineProps) {
  const top = max ?? Math.max(1, ...values.filter((v): v is number => v !== null));
  const step = WIDTH / Math.max(1, capacity - 1);
  const offset = Math.max(0, capacity - values.length);
  const segments: string[] = [];
  let segment: string[] = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (segment.length) segments.push(segment.join(' '));
      segment = [];
      return;
    }
    const x = (offset + i) * step;
    const y = HEIGHT - 1 - (Math.min(value, top) / top) * (HEIGHT - 2);
    segment.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (segment.length) segments.push(segment.join(' '));
  return (
    <div className="gpu-metric">
      <span className="gpu-metric-label">{label}</span>
      <svg className="sparkline" role="img" aria-label={`${label} chart`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} preserveAspectRatio="none">
        {segments.map((points, i) =>
          points.includes(' ') ? <polyline key={i} points={points} /> : <circle key={i} cx={points.split(',')[0]} cy={points.split(',')[1]} r="1.5" />,
        )}
      </svg>
      <span className="gpu-metric-value">{current}</span>
    </div>
  );
}
