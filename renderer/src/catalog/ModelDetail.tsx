import { useEffect } from 'react';
import type { ModelVersion } from '../../../shared/catalog/model.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEndpointsUi } from '../endpoints/endpoints-ui-store.ts';
import { useCatalogUi } from './catalog-ui-store.ts';
import { Markdown } from './Markdown.tsx';
import { MetricPlot } from './MetricPlot.tsx';
import { VersionCompare } from './VersionCompare.tsx';
import { VersionPanel } from './VersionPanel.tsx';
import { useApiQuery } from '../api/use-api.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

const metricTexts = (v: ModelVersion) => Object.entries(v.metrics).map(([k, value]) => `${k} ${value === null ? 'NaN' : Number(value.toPrecision(4))}`);
/** A row shows this many metrics; the rest are counted ("+10 more", all of them in its tooltip, the compare box and the version's panel). */
const METRICS_IN_ROW = 2;

function MetricsCell({ version }: { version: ModelVersion }) {
  const all = metricTexts(version);
  const rest = all.length - METRICS_IN_ROW;
  return (
    <td className="mono cell-metrics" title={all.join('\n')}>
      {all.slice(0, METRICS_IN_ROW).map((text, index) => (
        <span key={text} className="cell-metric">
          {index > 0 && ' · '}
          {text}
        </span>
      ))}
      {rest > 0 && <span className="muted cell-metric-more"> · +{rest} more</span>}
    </td>
  );
}

/** A model: its versions (tick to compare), the comparison, a metric across versions, and one version in detail. */
export function ModelDetail({ name }: { name: string }) {
  const model = useApiQuery('models.get', { name });
  const { version, compared, selectVersion, toggleCompared, setCompared } = useCatalogUi();
  const versions = model.data?.versions;
  const headline = model.data ? (model.data.aliases.champion ?? model.data.latestVersion) : null;

  // First view of a model: its headline version in detail, and up to its three newest versions compared.
  useEffect(() => {
    if (!versions || versions.length === 0) return;
    if (version === null || !versions.some((v) => v.version === version)) selectVersion(headline ?? versions[0].version);
    if (compared.length === 0 || compared.some((n) => !versions.some((v) => v.version === n))) setCompared(versions.slice(0, 3).map((v) => v.version));
  }, [versions, version, compared, headline, selectVersion, setCompared]);

  if (model.error) return <ErrorAlert error={model.error} prefix={`Could not load ${name}`} />;
  if (!model.data || !versions) return <p role="status">Loading {name}…</p>;
  const comparedVersions = versions.filter((v) => compared.includes(v.version)).sort((a, b) => a.version - b.version);
  return (
    <div className="model-detail" aria-label={`Model ${name}`}>
      <div className="model-detail-header">
        <h2>{name}</h2>
        <CopyLinkButton what={`model ${name}`} />
        {Object.entries(model.data.aliases).map(([alias, n]) => (
          <span key={alias} className="alias-chip">
            <span>
              {alias} → v{n}
            </span>{' '}
            <button
              type="button"
              className="link-button"
              aria-label={`Serve ${name}@${alias}`}
              title={`Serve ${name}@${alias}: the endpoint follows the alias`}
              onClick={() => useEndpointsUi.getState().openServe({ model: name, alias, image: versions.find((v) => v.version === n)?.source.imageDigest ?? null })}
            >
              Serve
            </button>
          </span>
        ))}
        {model.data.latestVersion !== null && <span className="alias-chip alias-computed">latest → v{model.data.latestVersion}</span>}
      </div>
      {model.data.description && <Markdown text={model.data.description} />}
      <div className="table-scroll">
        <table className="resource-table" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Version</th>
              <th scope="col">Aliases</th>
              <th scope="col">Source</th>
              <th scope="col">Metrics</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} className={v.version === version ? 'row-selected' : undefined} onClick={() => selectVersion(v.version)}>
                <td onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" aria-label={`Compare v${v.version}`} checked={compared.includes(v.version)} onChange={(e) => toggleCompared(v.version, e.currentTarget.checked)} />
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => selectVersion(v.version)}>
                    v{v.version}
                  </button>
                </td>
                <td>
                  {v.aliases.map((a) => (
                    <span key={a} className="alias-chip">
                      {a}
                    </span>
                  ))}
                </td>
                <td>
                  {v.source.type}
                  {v.source.step ? ` · ${v.source.step}` : ''}
                </td>
                <MetricsCell version={v} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="model-panels">
        <section aria-label="Compare versions" className="panel">
          <h3>Compare {comparedVersions.length} versions</h3>
          {comparedVersions.length < 2 ? <p className="muted">Tick two or more versions to compare them.</p> : <VersionCompare versions={comparedVersions} />}
        </section>
        <section aria-label="Metric across versions" className="panel">
          <h3>Metric across versions</h3>
          <MetricPlot versions={versions} />
        </section>
      </div>
      {version !== null && <VersionPanel name={name} version={version} />}
    </div>
  );
}
