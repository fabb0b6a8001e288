import { useEffect } from 'react';
import { useApiQuery } from '../api/use-api.ts';
import { useCatalogUi } from '../catalog/catalog-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';

/** Opens a model version on the Models page. */
export function openModelVersion(name: string, version: number): void {
  const catalog = useCatalogUi.getState();
  catalog.selectModel(name);
  catalog.selectVersion(version);
  useUiStore.getState().setPage('models');
}

/**
 * The model versions a run registered (all its steps, or one step's), each a link to the version on
 * the Models page. `runState` (or the step's state) changing asks again: steps register as they succeed.
 */
export function RegisteredVersions({ runId, step, runState }: { runId: string; step?: string; runState?: string }) {
  const versions = useApiQuery('models.search', { runId, limit: 500 });
  const { refetch } = versions;
  useEffect(() => {
    if (runState !== undefined) void refetch();
  }, [runState, refetch]);
  if (versions.isPending) return <p role="status">Loading registered models…</p>;
  if (versions.error) return <ErrorAlert error={versions.error} prefix="Could not load the registered models" />;
  const shown = step ? versions.data.filter((v) => v.source.step === step) : versions.data;
  if (shown.length === 0) return <p className="muted">{step ? `${step} registered no model version in this run.` : 'This run registered no model version.'}</p>;
  return (
    <ul className="registered-versions" aria-label={step ? `Model versions registered by ${step}` : 'Model versions registered by this run'}>
      {shown.map((v) => (
        <li key={v.id}>
          <button type="button" className="link-button" onClick={() => openModelVersion(v.name, v.version)}>
            {v.name} v{v.version}
          </button>
          {v.aliases.length > 0 && <span className="muted"> ({v.aliases.join(', ')})</span>}
          {!step && v.source.step && <span className="muted"> · from {v.source.step}</span>}
        </li>
      ))}
    </ul>
  );
}
