import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { deliverRunEnd, desktopNotificationsFor } from '../notifications/run-notifier.ts';
import { useToasts } from '../notifications/toast-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useMonitoringUi } from './monitoring-ui-store.ts';

const TOAST_MS = 30_000;

function openMonitor(name: string): void {
  useMonitoringUi.getState().select(name);
  useUiStore.getState().setPage('monitoring');
}

/**
 * Monitor alerts (monitors.events): a desktop notification inside Electron, a toast on the web
 * host, naming the monitor and what crossed its threshold. Every result refreshes the page's data.
 */
export function MonitorNotifications() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const desktop = desktopNotificationsFor(window as unknown as Parameters<typeof desktopNotificationsFor>[0]);
    return api.subscribe('monitors.events', {}, (event) => {
      void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('monitors.') });
      if (event.result.status !== 'alert') return;
      const notice = { runId: '', title: `Monitor ${event.monitor}: alert`, body: event.result.alerts.join('; '), tone: 'error' as const };
      void deliverRunEnd(notice, {
        desktop,
        openRun: () => openMonitor(event.monitor),
        toast: (n) => {
          useToasts.getState().show({
            tone: 'error',
            title: n.title,
            text: n.body,
            action: { label: 'Open monitor', run: () => openMonitor(event.monitor) },
            durationMs: TOAST_MS,
          });
        },
      });
    });
  }, [api, queryClient]);
  return null;
}
