import { shortImageId } from '../../../shared/domain/images.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { useApiQuery } from '../api/use-api.ts';

/** An image's inspect data a person reads: command, env, labels, layers and history. */
export function ImageDetailsPanel({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const details = useApiQuery('images.inspect', { id });
  const data = details.data;
  return (
    <section className="image-details" aria-label={`Details of ${name}`}>
      <div className="logs-toolbar">
        <h2 className="logs-title">
          Image <span className="logs-name">{name}</span>
        </h2>
        <button type="button" className="button button-small button-ghost image-details-close" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="image-details-body">
        {details.isPending && <p className="loading">Loading…</p>}
        {details.error && <ErrorAlert error={details.error} />}
        {data && (
          <>
            <dl className="image-details-grid">
              <dt>ID</dt>
              <dd className="mono">{data.id}</dd>
              <dt>Tags</dt>
              <dd>{data.repoTags.length ? data.repoTags.join(', ') : <span className="muted">none (dangling)</span>}</dd>
              <dt>Created</dt>
              <dd>{new Date(data.created).toLocaleString()}</dd>
              <dt>Size</dt>
              <dd>{formatBytes(data.size)}</dd>
              <dt>Platform</dt>
              <dd>
                {data.os}/{data.architecture}
              </dd>
              <dt>Entrypoint</dt>
              <dd className="mono">{data.entrypoint ? JSON.stringify(data.entrypoint) : <span className="muted">none</span>}</dd>
              <dt>Command</dt>
              <dd className="mono">{data.cmd ? JSON.stringify(data.cmd) : <span className="muted">none</span>}</dd>
              {data.workingDir && (
                <>
                  <dt>Working dir</dt>
                  <dd className="mono">{data.workingDir}</dd>
                </>
              )}
              {data.user && (
                <>
                  <dt>User</dt>
                  <dd className="mono">{data.user}</dd>
                </>
              )}
              {data.exposedPorts.length > 0 && (
                <>
                  <dt>Ports</dt>
                  <dd className="mono">{data.exposedPorts.join(', ')}</dd>
                </>
              )}
              <dt>Used by</dt>
              <dd>{data.usedBy.length ? data.usedBy.map((c) => `${c.name} (${c.state})`).join(', ') : <span className="muted">no containers</span>}</dd>
            </dl>
            <h3 className="image-details-heading">Environment</h3>
            <ul className="kv-list mono" aria-label="Environment">
              {data.env.length ? data.env.map((line) => <li key={line}>{line}</li>) : <li className="muted">none</li>}
            </ul>
            <h3 className="image-details-heading">Labels</h3>
            <ul className="kv-list mono" aria-label="Labels">
              {Object.keys(data.labels).length ? (
                Object.entries(data.labels).map(([key, value]) => (
                  <li key={key}>
                    {key}={value}
                  </li>
                ))
              ) : (
                <li className="muted">none</li>
              )}
            </ul>
            <h3 className="image-details-heading">History ({data.layers.length} layers)</h3>
            <table className="history-table" aria-label="History">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Size</th>
                  <th scope="col">Layer</th>
                </tr>
              </thead>
              <tbody>
                {data.history.map((entry, index) => (
                  <tr key={index}>
                    <td className="mono history-command" title={entry.createdBy}>
                      {entry.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').replace(/^\/bin\/sh -c /, 'RUN ')}
                    </td>
                    <td>{entry.size > 0 ? formatBytes(entry.size) : <span className="muted">0 B</span>}</td>
                    <td className="mono muted">{entry.id ? shortImageId(entry.id) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
