import type { RunState } from '../../../shared/pipeline/run-model.ts';

/** What to tell the person when a run ends. */
export interface RunEndNotice {
  runId: string;
  title: string;
  body: string;
  tone: 'success' | 'error' | 'neutral';
}

export function runEndNotice(run: { runId: string; state: RunState; message: string | null }, pipeline: string | null): RunEndNotice {
  const name = pipeline ?? 'Pipeline';
  const verb = run.state === 'succeeded' ? 'succeeded' : run.state === 'failed' ? 'failed' : run.state === 'cancelled' ? 'was cancelled' : 'is running';
  return {
    runId: run.runId,
    title: `${name} ${verb}`,
    body: `Run ${run.runId}${run.message ? `: ${run.message}` : ''}`,
    tone: run.state === 'succeeded' ? 'success' : run.state === 'failed' ? 'error' : 'neutral',
  };
}

/** The slice of the web Notification API the notifier uses (Electron's renderer has it; tests pass a plain object). */
export interface DesktopNotifications {
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  show(title: string, body: string, onClick: () => void): void;
}

export interface NotifierDeps {
  /** Present inside Electron only; null on the web host, where a toast is the notification. */
  desktop: DesktopNotifications | null;
  toast(notice: RunEndNotice): void;
  openRun(runId: string): void;
}

/** A desktop notification inside Electron when allowed; otherwise (web host, or permission denied) a toast in the page. */
export async function deliverRunEnd(notice: RunEndNotice, deps: NotifierDeps): Promise<'desktop' | 'toast'> {
  if (deps.desktop) {
    let permission = deps.desktop.permission();
    if (permission === 'default') permission = await deps.desktop.requestPermission().catch(() => 'denied' as const);
    if (permission === 'granted') {
      deps.desktop.show(notice.title, notice.body, () => deps.openRun(notice.runId));
      return 'desktop';
    }
  }
  deps.toast(notice);
  return 'toast';
}

interface NotificationConstructor {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: { body?: string; tag?: string }): { onclick: ((this: unknown, event: Event) => unknown) | null };
}

/** Desktop notifications when the page runs inside Electron (window.benchtop) and the Notification API exists; else null. */
export function desktopNotificationsFor(scope: { benchtop?: unknown; Notification?: NotificationConstructor; focus?: () => void }): DesktopNotifications | null {
  const api = scope.Notification;
  if (!scope.benchtop || !api) return null;
  return {
    permission: () => api.permission,
    requestPermission: () => api.requestPermission(),
    show(title, body, onClick) {
      const notification = new api(title, { body, tag: `benchtop-run:${title}` });
      notification.onclick = () => {
        scope.focus?.();
        onClick();
      };
    },
  };
}
