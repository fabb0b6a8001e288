import type { MonitorResultSummary } from '../../../shared/monitoring/monitor-model.ts';
import { formatNumber } from '../../../shared/monitoring/report-html.ts';

const WIDTH = 640;
const HEIGHT = 150;
const PAD = 28;
const COLORS = ['#1b7f3b', '#7a4fc9', '#c26a00', '#0b7a8a'];

/** Drift share per run (dots, red when alerting) against the threshold, and quality metrics on the same 0–1 scale. */
export function MonitorTimeline({ results, threshold }: { results: readonly MonitorResultSummary[]; threshold: number }) {
  if (results.length === 0) return <p className="muted">No results yet: run the monitor.</p>;
  const t0 = results[0].at;
  const t1 = results.at(-1)?.at ?? t0;
  const x = (t: number) => (t1 === t0 ? WIDTH / 2 : PAD + ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD));
  const y = (v: number) => HEIGHT - PAD - Math.max(0, Math.min(1, v)) * (HEIGHT - 2 * PAD);
  const drift = results.filter((r) => r.driftShare !== null);
  const metrics = [...new Set(results.flatMap((r) => Object.keys(r.quality)))].filter((m) => results.every((r) => r.quality[m] === undefined || r.quality[m] === null || (r.quality[m] >= 0 && r.quality[m] <= 1))).slice(0, COLORS.length);
  const line = (points: [number, number][]) => points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  return (
    <figure className="monitor-timeline">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Drift share over time">
        <line x1={PAD} x2={WIDTH - PAD} y1={y(threshold)} y2={y(threshold)} className="threshold-line" />
        <text x={WIDTH - PAD} y={y(threshold) - 4} textAnchor="end" className="chart-axis">
          threshold {threshold}
        </text>
        <text x={4} y={y(1) + 4} className="chart-axis">
          1
        </text>
        <text x={4} y={y(0) + 4} className="chart-axis">
          0
        </text>
        <path d={line(drift.map((r) => [x(r.at), y(r.driftShare as number)]))} className="drift-line" />
        {metrics.map((metric, m) => (
          <path key={metric} d={line(results.filter((r) => typeof r.quality[metric] === 'number').map((r) => [x(r.at), y(r.quality[metric] as number)]))} stroke={COLORS[m]} className="quality-line" />
        ))}
        {results.map((r) => (
          <circle key={r.id} cx={x(r.at)} cy={y(r.driftShare ?? 0)} r={4} className={`point point-${r.status}`}>
            <title>{`${new Date(r.at).toLocaleString()}: ${r.status}, drift share ${formatNumber(r.driftShare)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span className="swatch swatch-drift" /> drift share
        {metrics.map((metric, m) => (
          <span key={metric}>
            <span className="swatch" style={{ background: COLORS[m] }} /> {metric}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
