import { useState } from 'react';
import type { ModelVersion } from '../../../shared/catalog/model.ts';
import { metricPoints } from './compare-rows.ts';

const WIDTH = 520;
const HEIGHT = 200;
const PAD = 36;

/** One metric across a model's versions (version number → value), as an SVG line with labelled points. */
export function MetricPlot({ versions }: { versions: readonly ModelVersion[] }) {
  const metrics = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  const [chosen, setChosen] = useState<string | null>(null);
  const metric = chosen && metrics.includes(chosen) ? chosen : (metrics[0] ?? null);
  if (!metric) return <p className="muted">No version has metrics to plot.</p>;
  const { points, min, max } = metricPoints(versions, metric, WIDTH, HEIGHT, PAD);
  return (
    <div className="metric-plot">
      <label className="field field-inline">
        <span>Metric</span>
        <select className="input" aria-label="Metric to plot" value={metric} onChange={(e) => setChosen(e.currentTarget.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${metric} across versions`} className="metric-plot-svg">
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="plot-axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="plot-axis" />
        <text x={PAD - 6} y={PAD + 4} textAnchor="end" className="plot-tick">
          {Number(max.toPrecision(4))}
        </text>
        <text x={PAD - 6} y={HEIGHT - PAD + 4} textAnchor="end" className="plot-tick">
          {Number(min.toPrecision(4))}
        </text>
        {points.length > 1 && <polyline className="plot-line" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />}
        {points.map((p) => (
          <g key={p.version}>
            <circle cx={p.x} cy={p.y} r={4} className="plot-point">
              <title>{p.label}</title>
            </circle>
            <text x={p.x} y={HEIGHT - PAD + 16} textAnchor="middle" className="plot-tick">
              v{p.version}
            </text>
            <text x={p.x} y={p.y - 8} textAnchor="middle" className="plot-value">
              {Number(p.value.toPrecision(3))}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
