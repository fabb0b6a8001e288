import type { RunComparison } from '../../../shared/pipeline/run-model.ts';
import { runNameWithoutPipeline } from '../../../shared/pipeline/run-name.ts';
import { formatCell, MISSING } from './compare-model.ts';

const WIDTH = 320;
const BAR_AREA = 120;
const TOP = 18;
const LABEL = 20;

/** One metric across the compared runs, a bar per run (in table order); a run without the metric shows "—" and no bar. */
export function MetricChart({ metric, runs }: { metric: string; runs: readonly RunComparison[] }) {
  const values = runs.map((run) => (Object.hasOwn(run.metrics, metric) ? run.metrics[metric] : null));
  const present = values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...present);
  const min = Math.min(0, ...present);
  const span = max - min || 1;
  const slot = WIDTH / Math.max(1, runs.length);
  const barWidth = Math.min(48, slot * 0.6);
  const zeroY = TOP + (max / span) * BAR_AREA;
  return (
    <figure className="metric-chart">
      <figcaption>{metric}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${TOP + BAR_AREA + 6 + LABEL}`} role="img" aria-label={`${metric} by run: ${runs.map((r, i) => `${r.name} ${r.id} ${formatCell(values[i])}`).join(', ')}`}>
        <line x1={0} x2={WIDTH} y1={zeroY} y2={zeroY} className="metric-chart-axis" />
        {runs.map((run, index) => {
          const value = values[index];
          const x = index * slot + (slot - barWidth) / 2;
          const top = value === null ? zeroY : TOP + ((max - Math.max(value, 0)) / span) * BAR_AREA;
          const height = value === null ? 0 : (Math.abs(value) / span) * BAR_AREA;
          return (
            <g key={run.id}>
              {value !== null && <rect x={x} y={value >= 0 ? top : zeroY} width={barWidth} height={Math.max(1, height)} className="metric-chart-bar" />}
              <text x={x + barWidth / 2} y={value === null ? zeroY - 4 : value >= 0 ? top - 3 : zeroY + height + 11} textAnchor="middle" className="metric-chart-value">
                {value === null ? MISSING : formatCell(value)}
              </text>
              <text x={x + barWidth / 2} y={TOP + BAR_AREA + 6 + 12} textAnchor="middle" className="metric-chart-label">
                {runNameWithoutPipeline(run)}
                <title>{`${run.name} (${run.id})`}</title>
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
