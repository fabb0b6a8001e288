import type { Distribution } from '../../../shared/monitoring/report-model.ts';
import { formatNumber } from '../../../shared/monitoring/report-html.ts';

const WIDTH = 520;
const HEIGHT = 160;

/** Reference and current distributions overlaid: a histogram (numerical) or bars (categories), side by side per bin. */
export function DistributionChart({ distribution, column }: { distribution: Distribution; column: string }) {
  const n = distribution.reference.length;
  const max = Math.max(1e-12, ...distribution.reference, ...distribution.current);
  const slot = WIDTH / Math.max(1, n);
  const bar = Math.max(1, slot / 2 - 1);
  const plot = HEIGHT - 18;
  const label = (i: number) => (distribution.type === 'bars' ? distribution.labels[i] : `${formatNumber(distribution.edges[i])} – ${formatNumber(distribution.edges[i + 1])}`);
  return (
    <figure className="distribution-chart">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Distribution of ${column}: reference and current`}>
        {distribution.reference.map((share, i) => (
          <g key={i}>
            <rect x={i * slot} y={plot - (share / max) * plot} width={bar} height={(share / max) * plot} className="bar-reference">
              <title>{`${label(i)}: reference ${formatNumber(share * 100, 1)}%`}</title>
            </rect>
            <rect x={i * slot + bar + 1} y={plot - (distribution.current[i] / max) * plot} width={bar} height={(distribution.current[i] / max) * plot} className="bar-current">
              <title>{`${label(i)}: current ${formatNumber(distribution.current[i] * 100, 1)}%`}</title>
            </rect>
          </g>
        ))}
        {distribution.type === 'histogram' ? (
          <>
            <text x={0} y={HEIGHT - 4} className="chart-axis">
              {formatNumber(distribution.edges[0])}
            </text>
            <text x={WIDTH} y={HEIGHT - 4} textAnchor="end" className="chart-axis">
              {formatNumber(distribution.edges.at(-1))}
            </text>
          </>
        ) : (
          n <= 12 &&
          distribution.labels.map((l, i) => (
            <text key={l} x={i * slot + slot / 2} y={HEIGHT - 4} textAnchor="middle" className="chart-axis">
              {l.slice(0, 12)}
            </text>
          ))
        )}
      </svg>
      <figcaption className="chart-legend">
        <span className="swatch swatch-reference" /> reference <span className="swatch swatch-current" /> current
      </figcaption>
    </figure>
  );
}
