import { useDeferredValue, useEffect } from 'react';
import type { ModelSummary } from '../../../shared/catalog/model.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCatalogUi } from './catalog-ui-store.ts';
import { DeleteModelDialog } from './DeleteModelDialog.tsx';
import { ModelDetail } from './ModelDetail.tsx';
import { ImportMlflowButton } from './mlflow/ImportMlflowDialog.tsx';
import { RegisterModelDialog } from './RegisterModelDialog.tsx';
import { ServeDialog } from '../endpoints/ServeDialog.tsx';
import { useCatalogFollowsRuns } from './use-catalog.ts';
import { useApiQuery } from '../api/use-api.ts';

const headlineMetrics = (m: ModelSummary) =>
  Object.entries(m.headline?.metrics ?? {})
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v === null ? 'NaN' : Number(v.toPrecision(4))}`)
    .join(' · ');

/** Registered models, the search box (name, tags, aliases, metric filters), and the selected model. */
export function ModelsPage() {
  useCatalogFollowsRuns();
  const { model, filter, registering, deleteRequest, selectModel, selectVersion, setFilter, setRegistering } = useCatalogUi();
  const list = useApiQuery('models.list', { limit: 500 });
  const query = useDeferredValue(filter.trim());
  // Words without an operator search names, descriptions and tag values; anything else is a filter.
  const plainText = query !== '' && !/[=<>!]|\bLIKE\b/i.test(query);
  const search = useApiQuery('models.search', plainText ? { filter: '', text: query, limit: 200 } : { filter: query, limit: 200 }, { enabled: query !== '' });
  const models = list.data ?? [];

  useEffect(() => {
    if (model === null && models.length > 0) selectModel(models[0].name);
  }, [model, models, selectModel]);

  return (
    <div className="page catalog-page">
      <div className="page-header">
        <h1>Models</h1>
        <span className="page-count">{list.data ? `${models.length} ${models.length === 1 ? 'model' : 'models'}` : ''}</span>
      </div>
      <div className="toolbar">
        <input
          className="input filter-input catalog-search"
          type="search"
          aria-label="Search versions"
          placeholder="iris, or accuracy > 0.9 AND tags.team = 'vision' AND alias = champion"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <div className="bulk-actions">
          <button type="button" className="button button-primary" onClick={() => setRegistering(true)}>
            Register model
          </button>
          <ImportMlflowButton />
        </div>
      </div>
      {query !== '' && (
        <section className="panel" aria-label="Matching versions">
          {search.error ? (
            <ErrorAlert error={search.error} prefix="Bad filter" />
          ) : search.data ? (
            search.data.length === 0 ? (
              <p className="muted">No version matches.</p>
            ) : (
              <table className="resource-table" aria-label="Search results">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Version</th>
                    <th scope="col">Aliases</th>
                    <th scope="col">Metrics</th>
                  </tr>
                </thead>
                <tbody>
                  {search.data.map((v) => (
                    <tr key={v.id}>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => {
                            selectModel(v.name);
                            selectVersion(v.version);
                          }}
                        >
                          {v.name}
                        </button>
                      </td>
                      <td>v{v.version}</td>
                      <td>{v.aliases.join(', ')}</td>
                      <td className="mono">
                        {Object.entries(v.metrics)
                          .map(([k, value]) => `${k} ${value === null ? 'NaN' : Number(value.toPrecision(4))}`)
                          .join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : (
            <p role="status">Searching…</p>
          )}
        </section>
      )}
      {list.error ? (
        <ErrorAlert error={list.error} prefix="Could not list models" />
      ) : !list.data ? (
        <p role="status" className="loading">
          Loading models…
        </p>
      ) : models.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No models yet</p>
          <p>A pipeline step registers one with outputs.model, or register a file or folder yourself:</p>
          <pre className="empty-command">
            <code>benchtop models register iris ./model --alias champion --metric accuracy=0.93</code>
          </pre>
          <button type="button" className="button button-primary" onClick={() => setRegistering(true)}>
            Register a model
          </button>
        </div>
      ) : (
        <div className="catalog-layout">
          <nav className="catalog-list" aria-label="Models">
            {models.map((m) => (
              <button key={m.name} type="button" className={`catalog-item${m.name === model ? ' catalog-item-selected' : ''}`} aria-pressed={m.name === model} onClick={() => selectModel(m.name)}>
                <span className="catalog-item-name">{m.name}</span>
                <span className="catalog-item-meta">
                  {m.versionCount} {m.versionCount === 1 ? 'version' : 'versions'}
                  {Object.entries(m.aliases).map(([alias, n]) => ` · ${alias} v${n}`)}
                </span>
                <span className="catalog-item-metrics">{headlineMetrics(m)}</span>
              </button>
            ))}
          </nav>
          <div className="catalog-main">{model && <ModelDetail key={model} name={model} />}</div>
        </div>
      )}
      {registering && <RegisterModelDialog onClose={() => setRegistering(false)} />}
      {deleteRequest && <DeleteModelDialog name={deleteRequest} />}
      <ServeDialog />
    </div>
  );
}
