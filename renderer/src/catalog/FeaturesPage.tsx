import { useEffect } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCatalogUi } from './catalog-ui-store.ts';
import { openRunOnPipelines } from './open-run.ts';
import { useCatalogFollowsRuns } from './use-catalog.ts';
import { useApiQuery } from '../api/use-api.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

/** Feature sets: features and dtypes, entity, freshness, owner, source artifact, and the models trained on them. */
export function FeaturesPage() {
  useCatalogFollowsRuns();
  const api = useApiClient();
  const { featureSet, selectFeatureSet, selectModel, selectVersion } = useCatalogUi();
  const list = useApiQuery('features.list', {});
  const sets = list.data ?? [];
  const detail = useApiQuery('features.get', { name: featureSet ?? '' }, { enabled: featureSet !== null });

  useEffect(() => {
    if (featureSet === null && sets.length > 0) selectFeatureSet(sets[0].name);
  }, [featureSet, sets, selectFeatureSet]);

  const openModel = (name: string, version: number) => {
    selectModel(name);
    selectVersion(version);
    useUiStore.getState().setPage('models');
  };

  return (
    <div className="page catalog-page">
      <div className="page-header">
        <h1>Features</h1>
        <span className="page-count">{list.data ? `${sets.length} ${sets.length === 1 ? 'feature set' : 'feature sets'}` : ''}</span>
      </div>
      {list.error ? (
        <ErrorAlert error={list.error} prefix="Could not list feature sets" />
      ) : !list.data ? (
        <p role="status" className="loading">
          Loading feature sets…
        </p>
      ) : sets.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No feature sets yet</p>
          <p>A pipeline step registers one when it declares outputs.features:</p>
          <pre className="empty-command">
            <code>{'outputs:\n  artifacts: { table: { path: /features } }\n  features: { name: customers, path: /features/table.csv, entity: customer_id, eventTime: ts }'}</code>
          </pre>
        </div>
      ) : (
        <div className="catalog-layout">
          <nav className="catalog-list" aria-label="Feature sets">
            {sets.map((s) => (
              <button key={s.name} type="button" className={`catalog-item${s.name === featureSet ? ' catalog-item-selected' : ''}`} aria-pressed={s.name === featureSet} onClick={() => selectFeatureSet(s.name)}>
                <span className="catalog-item-name">{s.name}</span>
                <span className="catalog-item-meta">
                  {s.features.length} features{s.entity ? ` · entity ${s.entity}` : ''}
                </span>
                <span className="catalog-item-metrics">{s.latest?.newestEventTime ? `fresh to ${s.latest.newestEventTime.replace('T', ' ').replace(/:00\.000Z$/, ' UTC')}` : ''}</span>
              </button>
            ))}
          </nav>
          <div className="catalog-main">
            {detail.error && <ErrorAlert error={detail.error} prefix={`Could not load ${featureSet}`} />}
            {detail.data && (
              <section className="feature-detail" aria-label={`Feature set ${detail.data.name}`}>
                <h2>{detail.data.name}</h2>
                <CopyLinkButton what={`feature set ${detail.data.name}`} />
                {detail.data.description && <p>{detail.data.description}</p>}
                <dl className="version-facts">
                  <dt>Entity</dt>
                  <dd>{detail.data.entity ?? <span className="muted">not declared</span>}</dd>
                  <dt>Freshness</dt>
                  <dd>
                    {detail.data.latest?.newestEventTime ? `newest event ${detail.data.latest.newestEventTime}` : <span className="muted">no event-time column declared</span>}
                    {detail.data.eventTime && <span className="muted"> (column {detail.data.eventTime})</span>}
                  </dd>
                  <dt>Owner</dt>
                  <dd>{detail.data.owner ?? <span className="muted">—</span>}</dd>
                  {Object.keys(detail.data.tags).length > 0 && (
                    <>
                      <dt>Tags</dt>
                      <dd>
                        {Object.entries(detail.data.tags).map(([k, v]) => (
                          <span key={k} className="alias-chip">
                            {k}={v}
                          </span>
                        ))}
                      </dd>
                    </>
                  )}
                  <dt>Source</dt>
                  <dd>
                    {detail.data.latest ? (
                      <>
                        v{detail.data.latest.version}
                        {detail.data.latest.artifactPath && <span className="mono"> {detail.data.latest.artifactPath}</span>}
                        {detail.data.latest.step && ` · step ${detail.data.latest.step}`}
                        {detail.data.latest.runId && (
                          <>
                            {' · '}
                            <button type="button" className="link-button" onClick={() => void openRunOnPipelines(api, detail.data.latest?.runId as string)}>
                              run {detail.data.latest.runId}
                            </button>
                          </>
                        )}
                        {detail.data.latest.rowCount !== null && ` · ${detail.data.latest.rowCount} rows`}
                      </>
                    ) : (
                      '—'
                    )}
                  </dd>
                  <dt>Used by</dt>
                  <dd>
                    {detail.data.models.length === 0 ? (
                      <span className="muted">no model yet</span>
                    ) : (
                      detail.data.models.map((m) => (
                        <button key={`${m.name}/${m.version}`} type="button" className="link-button feature-model" onClick={() => openModel(m.name, m.version)}>
                          {m.name} v{m.version}
                        </button>
                      ))
                    )}
                  </dd>
                </dl>
                <table className="resource-table" aria-label="Features">
                  <thead>
                    <tr>
                      <th scope="col">Feature</th>
                      <th scope="col">Dtype</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.data.features.map((f) => (
                      <tr key={f.name}>
                        <td className="mono">
                          {f.name}
                          {f.name === detail.data.entity && <span className="alias-chip">entity</span>}
                          {f.name === detail.data.eventTime && <span className="alias-chip">event time</span>}
                        </td>
                        <td className="mono">{f.dtype}</td>
                        <td>{f.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h3>Versions</h3>
                <ul className="file-list">
                  {detail.data.versions.map((v) => (
                    <li key={v.id}>
                      v{v.version} · {new Date(v.createdAt).toLocaleString()} {v.runId && <span className="muted">run <span className="mono">{v.runId}</span></span>} {v.rowCount !== null && <span className="muted">{v.rowCount} rows</span>}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
