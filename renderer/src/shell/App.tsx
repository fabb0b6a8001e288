import { EngineDiagnostics } from '../engine/EngineDiagnostics.tsx';
import { useEngineStatus } from '../engine/use-engine-status.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { AppShell } from './AppShell.tsx';
import { pages } from './pages.tsx';

/** Never a blank page: loading, transport failure, no engine (diagnostics), or the current page. */
export function App() {
  const engine = useEngineStatus();
  const page = useUiStore((s) => s.page);

  let body;
  if (engine.isPending) {
    body = (
      <div className="page centered" role="status">
        <div className="spinner" aria-hidden="true" />
        <p>Connecting to the Docker engine…</p>
      </div>
    );
  } else if (engine.isError) {
    body = (
      <div className="page centered">
        <h1>Cannot reach Benchtop</h1>
        <ErrorAlert error={engine.error} />
        <button type="button" className="button button-primary" onClick={() => void engine.refetch()} disabled={engine.isFetching}>
          Retry
        </button>
      </div>
    );
  } else if (!engine.data.connected) {
    body = <EngineDiagnostics status={engine.data} />;
  } else {
    body = (pages.find((entry) => entry.id === page) ?? pages[0]).render();
  }

  return <AppShell status={engine.data}>{body}</AppShell>;
}
