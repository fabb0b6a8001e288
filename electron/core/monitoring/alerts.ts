import type { MonitorSpec } from '../../../shared/monitoring/monitor-model.ts';
import type { DriftReport } from '../../../shared/monitoring/report-model.ts';

const format = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));

/** The alerts a report raises under a monitor's thresholds: dataset drift, quality bounds. One sentence each. */
export function alertsFor(spec: MonitorSpec, report: DriftReport): string[] {
  const alerts: string[] = [];
  if (report.datasetDrifted) {
    const names = report.columns.filter((c) => c.drifted).map((c) => c.name);
    alerts.push(`drift in ${report.driftedColumns} of ${report.testedColumns} columns (share ${format(report.driftShare ?? 0)} ≥ ${spec.thresholds.driftShare}): ${names.join(', ')}`);
  }
  const metrics = report.quality?.metrics ?? {};
  for (const bound of spec.thresholds.quality) {
    const value = metrics[bound.metric];
    if (value === undefined || value === null) continue;
    if (bound.min !== undefined && value < bound.min) alerts.push(`${bound.metric} ${format(value)} < ${bound.min}`);
    if (bound.max !== undefined && value > bound.max) alerts.push(`${bound.metric} ${format(value)} > ${bound.max}`);
  }
  return alerts;
}
