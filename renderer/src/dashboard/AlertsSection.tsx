import { useApiQuery } from '../api/use-api.ts';
import { useMonitoringUi } from '../monitoring/monitoring-ui-store.ts';
import { StatusBadge } from '../monitoring/StatusBadge.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { QueryBody } from './QueryBody.tsx';
import { Tile } from './Tile.tsx';

/**
 * Monitors whose latest result is an alert or an error first, with the alert's sentence. Each result
 * this process computes refreshes it (monitors.events, MonitorNotifications); once a minute for
 * results other processes write.
 */
export function AlertsSection() {
  const monitors = useApiQuery('monitors.list', {}, { refetchInterval: 60_000, staleTime: 1_000 });
  const setPage = useUiStore((s) => s.setPage);
  return (
    <Tile title="Monitoring alerts" page="monitoring" linkLabel="Open Monitoring">
      <QueryBody query={monitors} what="the monitors">
        {(list) => {
          if (list.length === 0) return <p className="muted">No monitor: one watches an endpoint's requests or a dataset for drift.</p>;
          const alerting = list.filter((m) => m.latest?.status === 'alert' || m.latest?.status === 'error');
          const shown = alerting.length > 0 ? alerting : list;
          return (
            <>
              <p className={alerting.length > 0 ? 'tile-note tile-warning' : 'tile-note'}>
                {alerting.length > 0 ? `${alerting.length} of ${list.length} monitors alerting` : `${list.length} monitor${list.length === 1 ? '' : 's'}, no alert`}
              </p>
              <ul className="home-list" aria-label="Monitors">
                {shown.slice(0, 5).map((monitor) => (
                  <li key={monitor.name}>
                    <StatusBadge monitor={monitor} />
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        useMonitoringUi.getState().select(monitor.name);
                        setPage('monitoring');
                      }}
                    >
                      {monitor.name}
                    </button>
                    {monitor.latest?.alerts[0] && (
                      <span className="home-list-meta muted home-alert-text" title={monitor.latest.alerts.join('\n')}>
                        {monitor.latest.alerts[0]}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryBody>
    </Tile>
  );
}
