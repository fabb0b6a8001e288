import type { ReactNode } from 'react';
import type { EngineStatus } from '../../../shared/domain/engine.ts';
import { RunNotifications } from '../notifications/RunNotifications.tsx';
import { Toasts } from '../notifications/Toasts.tsx';
import { MonitorNotifications } from '../monitoring/MonitorNotifications.tsx';
import { CommandPalette } from '../palette/CommandPalette.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { TaskTray } from '../tasks/TaskTray.tsx';
import { ThemeSelect } from '../theme/ThemeSelect.tsx';
import { SidebarNav } from './SidebarNav.tsx';

/** Sidebar navigation, a header naming the engine, and the current page. */
export function AppShell({ status, children }: { status: EngineStatus | undefined; children: ReactNode }) {
  const page = useUiStore((s) => s.page);
  const setPage = useUiStore((s) => s.setPage);
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Benchtop
        </div>
        <SidebarNav page={page} onOpen={setPage} />
        <ThemeSelect />
      </aside>
      <div className="main-column">
        <header className="app-header">
          <EngineSummary status={status} />
          <TaskTray />
        </header>
        <main className="content">{children}</main>
      </div>
      <CommandPalette />
      <RunNotifications />
      <Toasts />
      <MonitorNotifications />
    </div>
  );
}

function EngineSummary({ status }: { status: EngineStatus | undefined }) {
  if (!status) return <span className="engine-summary muted">Connecting to the engine…</span>;
  if (!status.connected || !status.versions || !status.endpoint) {
    return (
      <span className="engine-summary">
        <span className="engine-dot engine-dot-off" aria-hidden="true" /> No engine
      </span>
    );
  }
  return (
    <span className="engine-summary" title={`API ${status.versions.negotiatedApiVersion} · ${status.endpoint.name}`}>
      <span className="engine-dot engine-dot-on" aria-hidden="true" />
      Docker {status.versions.serverVersion} · {status.endpoint.address}
    </span>
  );
}
