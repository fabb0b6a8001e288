import { useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { useRunsUi } from '../runs/runs-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { deliverRunEnd, desktopNotificationsFor, runEndNotice } from './run-notifier.ts';
import { useToasts } from './toast-store.ts';

const TOAST_MS = 15_000;

function openRun(runId: string): void {
  useRunsUi.getState().showRun(runId);
  useUiStore.getState().setPage('runs');
}

/**
 * Tells the person when any run ends (started here, from the CLI or by a schedule: runs.events
 * without an id): a desktop notification inside Electron, a toast on the web host.
 */
export function RunNotifications() {
  const api = useApiClient();
  const toasts = useToasts((s) => s.toasts);
  useEffect(() => {
    const desktop = desktopNotificationsFor(window as unknown as Parameters<typeof desktopNotificationsFor>[0]);
    return api.subscribe('runs.events', {}, (event) => {
      if (event.type !== 'run' || event.state === 'running') return;
      void api
        .call('runs.get', { id: event.runId })
        .then((run) => run.pipeline)
        .catch(() => null)
        .then((pipeline) =>
          deliverRunEnd(runEndNotice(event, pipeline), {
            desktop,
            openRun,
            toast: (notice) => {
              const key = useToasts.getState().push(notice);
              setTimeout(() => useToasts.getState().dismiss(key), TOAST_MS);
            },
          }),
        );
    });
  }, [api]);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.key} role="status" className={`toast toast-${toast.tone}`}>
          <div className="toast-text">
            <strong>{toast.title}</strong>
            <span className="toast-body" title={toast.body}>
              {toast.body}
            </span>
          </div>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              useToasts.getState().dismiss(toast.key);
              if (toast.onOpen) toast.onOpen();
              else openRun(toast.runId);
            }}
          >
            {toast.openLabel ?? 'Open run'}
          </button>
          <button type="button" className="button button-ghost button-small" aria-label="Dismiss notification" onClick={() => useToasts.getState().dismiss(toast.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
