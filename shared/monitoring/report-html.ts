import type { ColumnDrift, Distribution, DriftReport } from './report-model.ts';

/**
 * The drift report as one self-contained HTML file: inline CSS, inline SVG charts (reference and
 * current overlaid), no scripts, no outside requests. Used by `benchtop monitor report --html` and
 * the Monitoring page's export.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toFixed(digits)).toString();
}

export const TEST_LABELS: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov',
  wasserstein: 'Wasserstein (normed)',
  chisquare: 'chi-squared',
  jensenshannon: 'Jensen–Shannon',
  ztest: 'proportion z-test',
};

/** An SVG of the two distributions overlaid: bars side by side per bin or category. */
export function distributionSvg(distribution: Distribution, width = 360, height = 120): string {
  const n = distribution.reference.length;
  const max = Math.max(1e-12, ...distribution.reference, ...distribution.current);
  const slot = width / Math.max(1, n);
  const bar = Math.max(1, slot / 2 - 1);
  const bars: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = (distribution.reference[i] / max) * (height - 14);
    const c = (distribution.current[i] / max) * (height - 14);
    const label = distribution.type === 'bars' ? distribution.labels[i] : `${formatNumber(distribution.edges[i])} – ${formatNumber(distribution.edges[i + 1])}`;
    bars.push(
      `<rect x="${(i * slot).toFixed(1)}" y="${(height - 14 - r).toFixed(1)}" width="${bar.toFixed(1)}" height="${r.toFixed(1)}" fill="#6b8fd6"><title>${escape(label)}: reference ${formatNumber(distribution.reference[i] * 100, 1)}%</title></rect>`,
      `<rect x="${(i * slot + bar + 1).toFixed(1)}" y="${(height - 14 - c).toFixed(1)}" width="${bar.toFixed(1)}" height="${c.toFixed(1)}" fill="#e0803a"><title>${escape(label)}: current ${formatNumber(distribution.current[i] * 100, 1)}%</title></rect>`,
    );
  }
  const axis =
    distribution.type === 'histogram'
      ? `<text x="0" y="${height - 2}" font-size="10">${formatNumber(distribution.edges[0])}</text><text x="${width}" y="${height - 2}" font-size="10" text-anchor="end">${formatNumber(distribution.edges.at(-1))}</text>`
      : n <= 8
        ? distribution.labels.map((l, i) => `<text x="${(i * slot + slot / 2).toFixed(1)}" y="${height - 2}" font-size="10" text-anchor="middle">${escape(l.slice(0, 10))}</text>`).join('')
        : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${bars.join('')}${axis}</svg>`;
}

function verdict(column: ColumnDrift): string {
  if (column.refusal) return `<span class="refused">no verdict: ${escape(column.refusal)}</span>`;
  return column.drifted ? '<span class="drift">drift</span>' : '<span class="ok">no drift</span>';
}

export function reportHtml(report: DriftReport, title = 'Drift report'): string {
  const share = report.driftShare === null ? 'no verdict' : `${report.driftedColumns} of ${report.testedColumns} columns drifted (share ${formatNumber(report.driftShare)}; dataset drift at ≥ ${report.driftShareThreshold})`;
  const rows = report.columns
    .map(
      (c) => `<tr><td>${escape(c.name)}</td><td>${c.kind}</td><td>${c.test ? TEST_LABELS[c.test] : '—'}</td><td>${formatNumber(c.statistic)}</td><td>${formatNumber(c.pValue)}</td><td>${formatNumber(c.effectSize)}</td><td>${formatNumber(c.psi)}</td><td>${formatNumber(c.threshold)}</td><td>${verdict(c)}</td></tr>`,
    )
    .join('\n');
  const details = report.columns
    .filter((c) => c.distribution)
    .map(
      (c) =>
        `<section><h3>${escape(c.name)} ${verdict(c)}</h3><p>${c.test ? `${TEST_LABELS[c.test]}: statistic ${formatNumber(c.statistic)}${c.pValue !== null ? `, p-value ${formatNumber(c.pValue)}` : ''}, threshold ${formatNumber(c.threshold)}; ` : ''}effect size ${formatNumber(c.effectSize)} (${escape(c.effectSizeName)}); PSI ${formatNumber(c.psi)}. Reference ${c.reference.rows} values${c.reference.mean !== null ? `, mean ${formatNumber(c.reference.mean)}` : ''}; current ${c.current.rows}${c.current.mean !== null ? `, mean ${formatNumber(c.current.mean)}` : ''}${c.current.invalid ? `, ${c.current.invalid} non-numeric left out` : ''}.</p>${distributionSvg(c.distribution as Distribution)}</section>`,
    )
    .join('\n');
  const quality = report.quality
    ? `<h2>Quality (${report.quality.task}, ${report.quality.rows} labelled rows)</h2>${report.quality.refusal ? `<p class="refused">${escape(report.quality.refusal)}</p>` : `<table><tr><th>metric</th><th>this window</th><th>training</th></tr>${Object.entries(report.quality.metrics)
        .map(([k, v]) => `<tr><td>${escape(k)}</td><td>${formatNumber(v)}</td><td>${formatNumber(report.quality?.training[k])}</td></tr>`)
        .join('')}</table>`}`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border-bottom:1px solid #dde2ea;padding:4px 10px;text-align:left}
th{font-weight:600;background:#f3f5f9}.drift{color:#b3261e;font-weight:600}.ok{color:#1b7f3b}.refused{color:#8a6d00}
section{margin:16px 0;padding-top:8px;border-top:1px solid #eef1f5}.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
</style></head><body>
<h1>${escape(title)}</h1>
<p><strong>${report.datasetDrifted === null ? 'No verdict' : report.datasetDrifted ? 'Dataset drift' : 'No dataset drift'}</strong>: ${share}.</p>
<p>Reference: ${escape(report.reference.source)} (${report.reference.rows} rows). Current: ${escape(report.current.source)} (${report.current.rows} rows).${report.model ? ` Model: ${escape(report.model)}.` : ''} Created ${new Date(report.createdAt).toISOString()}. Minimum sample: ${report.minRows} values.</p>
${report.problems.length ? `<ul>${report.problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>` : ''}
<table><tr><th>column</th><th>kind</th><th>test</th><th>statistic</th><th>p-value</th><th>effect size</th><th>PSI</th><th>threshold</th><th>verdict</th></tr>
${rows}
</table>
${quality}
<h2>Distributions</h2><p class="legend"><span style="background:#6b8fd6"></span>reference<span style="background:#e0803a"></span>current</p>
${details}
</body></html>
`;
}
