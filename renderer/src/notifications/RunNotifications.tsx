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
 * without an id): a desktop notification inside Electron, a toast on the web host. Renders nothing
 * itself: the toasts show in the shell's `Toasts`.
 */
export function RunNotifications() {
  const api = useApiClient();
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
              useToasts.getState().show({
                tone: notice.tone === 'neutral' ? 'info' : notice.tone,
                title: notice.title,
                text: notice.body,
                action: { label: 'Open run', run: () => openRun(notice.runId) },
                durationMs: TOAST_MS,
              });
            },
          }),
        );
    });
  }, [api]);
  return null;
}
