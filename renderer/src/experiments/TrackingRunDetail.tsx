import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { MetricCharts } from './MetricCharts.tsx';
import { useLiveTracking } from './use-tracking.ts';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

/** One tracking run: its facts, params, tags, latest metrics and live charts of every metric. */
export function TrackingRunDetail({ runId }: { runId: string }) {
  const api = useApiClient();
  useLiveTracking([runId]);
  const run = useQuery({ queryKey: ['tracking.run', { runId }], queryFn: () => api.call('tracking.run', { runId }) });
  if (run.error) return <ErrorAlert error={run.error} prefix={`Could not load run ${runId}`} />;
  if (!run.data) return <p className="loading" role="status">Loading run…</p>;
  const r = run.data;
  const tags = Object.entries(r.tags).filter(([k]) => !k.startsWith('mlflow.'));
  return (
    <section className="tracking-run" aria-label={`Tracking run ${r.runId}`}>
      <header className="run-detail-header">
        <div className="run-detail-title">
          <h2>{r.runName ?? r.runId}</h2>
          <CopyLinkButton what={`tracking run ${r.runName ?? r.runId}`} />
          <span className={`badge tracking-status tracking-status-${r.status.toLowerCase()}`}>{r.status}</span>
          <code className="run-id mlflow-run-id" aria-label="MLflow run id">
            {r.runId}
          </code>
        </div>
        <dl className="run-detail-facts">
          <div>
            <dt>Experiment</dt>
            <dd>{r.experimentName}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{r.startTime === null ? '—' : new Date(r.startTime).toLocaleString()}</dd>
          </div>
          {r.endTime !== null && (
            <div>
              <dt>Ended</dt>
              <dd>{new Date(r.endTime).toLocaleString()}</dd>
            </div>
          )}
          {r.parentRunId && (
            <div>
              <dt>Parent run</dt>
              <dd>
                <code>{r.parentRunId}</code>
              </dd>
            </div>
          )}
        </dl>
        {Object.keys(r.params).length > 0 && (
          <div className="run-detail-params" aria-label="Params">
            {Object.entries(r.params).map(([k, v]) => (
              <span key={k} className="run-param-chip">
                {k}={v}
              </span>
            ))}
          </div>
        )}
        {tags.length > 0 && (
          <div className="run-detail-params" aria-label="Tags">
            {tags.map(([k, v]) => (
              <span key={k} className="run-param-chip run-tag-chip">
                {k}={v}
              </span>
            ))}
          </div>
        )}
      </header>
      <MetricCharts runIds={[r.runId]} keys={r.metricKeys} labels={{ [r.runId]: r.runName ?? r.runId }} />
    </section>
  );
}
