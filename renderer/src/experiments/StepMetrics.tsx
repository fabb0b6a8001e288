import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { MetricCharts } from './MetricCharts.tsx';
import { TrackingStatusNote } from './TrackingStatusNote.tsx';
import { useLiveTracking } from './use-tracking.ts';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The MLflow filter that finds a pipeline step's tracked runs (one per attempt). */
export function stepRunsFilter(runId: string, step: string): string {
  return `tags."benchtop.run_id" = ${quote(runId)} and tags."benchtop.step" = ${quote(step)}`;
}

/**
 * A pipeline step's MLflow run (its latest attempt's): the run id the container got as
 * MLFLOW_RUN_ID, its status, and live charts of what it logs.
 */
export function StepMetrics({ runId, step }: { runId: string; step: string }) {
  const api = useApiClient();
  const input = { filter: stepRunsFilter(runId, step), orderBy: ['attributes.start_time DESC'], maxResults: 20 };
  const runs = useQuery({ queryKey: ['tracking.runs', input], queryFn: () => api.call('tracking.runs', input) });
  const latest = runs.data?.runs[0];
  useLiveTracking(latest ? [latest.runId] : []);
  const detail = useQuery({ queryKey: ['tracking.run', { runId: latest?.runId ?? '' }], queryFn: () => api.call('tracking.run', { runId: latest!.runId }), enabled: Boolean(latest) });
  if (runs.error) return <ErrorAlert error={runs.error} prefix="Could not load this step's tracking run" />;
  if (runs.isPending) return <p className="loading" role="status">Loading metrics…</p>;
  if (!latest) return <p className="muted">This step has no tracking run yet: it gets one when an attempt starts.</p>;
  const attempt = latest.tags['benchtop.attempt'];
  return (
    <section className="step-metrics" aria-label={`Metrics of step ${step}`}>
      <TrackingStatusNote />
      <dl className="step-metrics-facts">
        <div>
          <dt>MLflow run</dt>
          <dd>
            <code className="mlflow-run-id" aria-label="MLflow run id">
              {latest.runId}
            </code>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge tracking-status tracking-status-${latest.status.toLowerCase()}`}>{latest.status}</span>
          </dd>
        </div>
        {attempt && (
          <div>
            <dt>Attempt</dt>
            <dd>{attempt}</dd>
          </div>
        )}
      </dl>
      <MetricCharts runIds={[latest.runId]} keys={detail.data?.metricKeys ?? Object.keys(latest.metrics)} labels={{ [latest.runId]: step }} emptyText="Nothing logged yet: mlflow.log_metric(…) in the step's script shows here as it happens." />
    </section>
  );
}
