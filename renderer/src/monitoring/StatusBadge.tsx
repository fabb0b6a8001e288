import type { MonitorSummary } from '../../../shared/monitoring/monitor-model.ts';

/** A monitor's state: its latest result's status, or "never run"; "off" when its schedule is disabled. */
export function StatusBadge({ monitor }: { monitor: MonitorSummary }) {
  const status = monitor.latest?.status ?? 'never';
  const label = status === 'never' ? 'never run' : status === 'refused' ? 'no verdict' : status;
  return <span className={`badge monitor-status monitor-status-${status}`}>{monitor.enabled ? label : `${label} (off)`}</span>;
}
