import type { RunDetail } from '../../../../shared/pipeline/run-model.ts';

/** The step in the watched run: params of the run, outputs, metrics, the cache decision, the container of each attempt. */
export function StepDetails({ detail, step }: { detail: RunDetail; step: string }) {
  const found = detail.steps.find((s) => s.name === step);
  if (!found) return <p className="muted">Run {detail.id} has no step “{step}” (the file changed since it ran).</p>;
  const params = Object.entries(detail.params);
  const outputs = Object.entries(found.outputs);
  const metrics = Object.entries(found.metrics);
  return (
    <div className="step-details">
      <dl className="step-facts">
        <dt>Run</dt>
        <dd className="mono">{detail.id}</dd>
        <dt>State</dt>
        <dd>
          {found.state.replace('_', ' ')}
          {found.message ? ` — ${found.message}` : ''}
        </dd>
        <dt>Image digest</dt>
        <dd className="mono">{found.imageDigest ?? '—'}</dd>
      </dl>
      <h4>Cache</h4>
      {found.cache ? (
        <p aria-label="Cache decision">
          <span className={`dag-badge${found.cache.decision === 'hit' ? ' dag-badge-cache' : ''}`}>{found.cache.decision}</span> {found.cache.reason}
          {found.cache.fromRun && <span className="muted"> (from run {found.cache.fromRun})</span>}
        </p>
      ) : (
        <p className="muted">No cache decision yet.</p>
      )}
      <h4>Params</h4>
      {params.length === 0 ? <p className="muted">This run has no params.</p> : <KeyValues entries={params} label="Params" />}
      <h4>Outputs</h4>
      {outputs.length === 0 ? <p className="muted">No output params.</p> : <KeyValues entries={outputs} label="Outputs" />}
      {found.artifacts.length > 0 && <KeyValues entries={found.artifacts.map((a) => [a.name, `${a.size} B · sha256 ${a.sha256.slice(0, 12)}`])} label="Artifacts" />}
      <h4>Metrics</h4>
      {metrics.length === 0 ? <p className="muted">No metrics.</p> : <KeyValues entries={metrics.map(([k, v]) => [k, String(v)])} label="Metrics" />}
      <h4>Attempts</h4>
      <table className="step-attempts">
        <thead>
          <tr>
            <th>#</th>
            <th>State</th>
            <th>Container</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {found.attempts.map((a) => (
            <tr key={a.attempt}>
              <td>{a.attempt}</td>
              <td>{a.state}</td>
              <td className="mono" title={a.containerId ?? undefined}>
                {a.containerId ? a.containerId.slice(0, 12) : '—'}
              </td>
              <td>{a.reason ?? (a.exitCode !== null ? `exit code ${a.exitCode}` : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyValues({ entries, label }: { entries: readonly (readonly [string, string])[]; label: string }) {
  return (
    <dl className="step-facts" aria-label={label}>
      {entries.map(([key, value]) => (
        <div key={key} className="step-fact">
          <dt className="mono">{key}</dt>
          <dd className="mono">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
