import { useState } from 'react';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { ChartControls, MetricLineChart, type ChartSettings } from './MetricLineChart.tsx';
import { useMetricHistories } from './use-tracking.ts';

export const DEFAULT_CHART_SETTINGS: ChartSettings = { x: 'step', smoothing: 0, logScale: false };

/** System metrics (system/…) go after the script's own, which come first in name order. */
export function orderMetricKeys(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => Number(a.startsWith('system/')) - Number(b.startsWith('system/')) || a.localeCompare(b));
}

/**
 * Live line charts of some metrics of some runs (several runs overlay on one chart per metric), with
 * one set of controls: by step or time, smoothing, log scale. Points arrive through useLiveTracking.
 */
export function MetricCharts({ runIds, keys, labels, emptyText }: { runIds: readonly string[]; keys: readonly string[]; labels: Record<string, string>; emptyText?: string }) {
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const [showSystem, setShowSystem] = useState(false);
  const ordered = orderMetricKeys(keys);
  const visible = ordered.filter((k) => showSystem || !k.startsWith('system/'));
  const histories = useMetricHistories(runIds, visible);
  const hasSystem = ordered.some((k) => k.startsWith('system/'));
  return (
    <div className="metric-charts-live">
      <div className="metric-charts-toolbar">
        <ChartControls settings={settings} onChange={setSettings} />
        {hasSystem && (
          <label className="chart-toggle">
            <input type="checkbox" aria-label="System metrics" checked={showSystem} onChange={(e) => setShowSystem(e.currentTarget.checked)} />
            <span>System metrics</span>
          </label>
        )}
      </div>
      {histories.error && <ErrorAlert error={histories.error} prefix="Could not load metric histories" />}
      {visible.length === 0 ? (
        <p className="muted">{emptyText ?? 'No metrics logged yet.'}</p>
      ) : (
        <div className="metric-line-charts">
          {visible.map((key) => (
            <MetricLineChart key={key} metric={key} series={(histories.data ?? []).filter((s) => s.key === key)} labels={labels} settings={settings} />
          ))}
        </div>
      )}
    </div>
  );
}
