import type { LatencyPoint } from '../../../shared/serving/endpoint.ts';

const WIDTH = 560;
const HEIGHT = 160;
const PAD = 36;
/** Room on the left for the axis label ("123 ms"). */
const LEFT = 60;
const SPAN_MS = 120_000;

/** p50 and p95 latency per second over the last two minutes; moves as requests arrive. */
export function LatencyChart({ series, now }: { series: readonly LatencyPoint[]; now: number }) {
  const points = series.filter((p) => p.p50 !== null);
  const max = Math.max(1, ...points.map((p) => p.p95 ?? p.p50 ?? 0));
  const x = (t: number) => LEFT + ((t - (now - SPAN_MS)) / SPAN_MS) * (WIDTH - LEFT - PAD);
  const y = (v: number) => HEIGHT - PAD - (v / max) * (HEIGHT - 2 * PAD);
  const line = (pick: (p: LatencyPoint) => number | null) =>
    points
      .filter((p) => pick(p) !== null)
      .map((p) => `${x(p.t).toFixed(1)},${y(pick(p) as number).toFixed(1)}`)
      .join(' ');
  const requests = series.reduce((sum, p) => sum + p.requests, 0);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Latency chart" data-points={points.length} data-requests={requests} className="latency-chart">
      <line x1={LEFT} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="plot-axis" />
      <line x1={LEFT} y1={PAD} x2={LEFT} y2={HEIGHT - PAD} className="plot-axis" />
      <text x={LEFT - 6} y={PAD + 4} textAnchor="end" className="plot-tick">
        {Number(max.toPrecision(3))} ms
      </text>
      <text x={LEFT - 6} y={HEIGHT - PAD + 4} textAnchor="end" className="plot-tick">
        0
      </text>
      <text x={LEFT} y={HEIGHT - PAD + 16} className="plot-tick">
        −2 min
      </text>
      <text x={WIDTH - PAD} y={HEIGHT - PAD + 16} textAnchor="end" className="plot-tick">
        now
      </text>
      {points.length > 0 && <polyline className="latency-p95" points={line((p) => p.p95)} />}
      {points.length > 0 && <polyline className="latency-p50" points={line((p) => p.p50)} />}
      {points.map((p) => (
        <circle key={p.t} cx={x(p.t)} cy={y(p.p50 as number)} r={2.5} className="latency-point">
          <title>{`${new Date(p.t).toLocaleTimeString()}: ${p.requests} requests, p50 ${p.p50} ms, p95 ${p.p95} ms${p.errors ? `, ${p.errors} errors` : ''}`}</title>
        </circle>
      ))}
      <text x={WIDTH - PAD} y={PAD - 10} textAnchor="end" className="plot-tick">
        <tspan className="latency-p50-label">— p50</tspan> <tspan className="latency-p95-label">— p95</tspan>
      </text>
    </svg>
  );
}
