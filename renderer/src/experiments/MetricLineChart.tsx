import { useMemo } from 'react';
import type { MetricSeries } from '../../../shared/api/methods/tracking.ts';
import { formatValue, layoutChart, type XAxis } from './chart-model.ts';

export interface ChartSettings {
  x: XAxis;
  smoothing: number;
  logScale: boolean;
}

const WIDTH = 420;
const HEIGHT = 200;
const PAD = { left: 48, right: 12, top: 10, bottom: 24 };
const COLOURS = 8;

/** One metric's histories as lines (several runs overlaid), with the chart settings applied; the values are in the accessible name. */
export function MetricLineChart({ metric, series, labels, settings }: { metric: string; series: readonly MetricSeries[]; labels: Record<string, string>; settings: ChartSettings }) {
  const model = useMemo(
    () =>
      layoutChart(
        series.map((s) => ({ id: s.runId, label: labels[s.runId] ?? s.runId.slice(0, 8), points: s.points })),
        { ...settings, width: WIDTH, height: HEIGHT, pad: PAD },
      ),
    [series, labels, settings],
  );
  const summary = model.series.map((s) => `${s.label}: ${s.count} points${s.last ? `, last ${formatValue(s.last.value)}` : ''}`).join('; ');
  return (
    <figure className="metric-line-chart" data-metric={metric}>
      <figcaption>
        <span className="metric-line-chart-name">{metric}</span>
        {model.series.length === 1 && model.series[0].last && <span className="metric-line-chart-last">{formatValue(model.series[0].last.value)}</span>}
      </figcaption>
      {model.empty ? (
        <p className="muted metric-line-chart-empty">No points{settings.logScale && model.droppedNonPositive > 0 ? ' above 0 for a log scale' : ' yet'}.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${metric} by ${settings.x}: ${summary}`}>
          <line x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} className="plot-axis" />
          <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} className="plot-axis" />
          {model.yTicks.map((t) => (
            <g key={`y${t.label}`}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={t.at} y2={t.at} className="plot-grid" />
              <text x={PAD.left - 4} y={t.at + 3} textAnchor="end" className="plot-tick">
                {t.label}
              </text>
            </g>
          ))}
          {model.xTicks.map((t) => (
            <text key={`x${t.label}`} x={t.at} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="plot-tick">
              {t.label}
            </text>
          ))}
          {model.series.map((s, index) => (
            <g key={s.id} className={`series series-${index % COLOURS}`} data-points={s.count}>
              {s.rawPath && <polyline points={s.rawPath} className="series-raw" />}
              <polyline points={s.path} className="series-line" />
              {s.last && <circle cx={s.last.x} cy={s.last.y} r={2.5} className="series-dot" />}
            </g>
          ))}
        </svg>
      )}
      {model.series.length > 1 && (
        <ul className="metric-line-chart-legend">
          {model.series.map((s, index) => (
            <li key={s.id} className={`series-${index % COLOURS}`}>
              <span className="legend-swatch" /> {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** By step or time, smoothing, log scale: one row of controls for a group of charts. */
export function ChartControls({ settings, onChange }: { settings: ChartSettings; onChange(settings: ChartSettings): void }) {
  return (
    <div className="chart-controls" role="group" aria-label="Chart settings">
      <label className="field field-inline">
        <span>X axis</span>
        <select className="input" aria-label="X axis" value={settings.x} onChange={(e) => onChange({ ...settings, x: e.currentTarget.value as XAxis })}>
          <option value="step">Step</option>
          <option value="time">Time</option>
        </select>
      </label>
      <label className="field field-inline">
        <span>Smoothing {settings.smoothing.toFixed(2)}</span>
        <input type="range" aria-label="Smoothing" min={0} max={0.99} step={0.01} value={settings.smoothing} onChange={(e) => onChange({ ...settings, smoothing: Number(e.currentTarget.value) })} />
      </label>
      <label className="chart-toggle">
        <input type="checkbox" aria-label="Log scale" checked={settings.logScale} onChange={(e) => onChange({ ...settings, logScale: e.currentTarget.checked })} />
        <span>Log scale</span>
      </label>
    </div>
  );
}
