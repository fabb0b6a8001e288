import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import type { MonitorSummary } from '../../../shared/monitoring/monitor-model.ts';
import { formatNumber, reportHtml, TEST_LABELS } from '../../../shared/monitoring/report-html.ts';
import type { ColumnDrift, DriftReport } from '../../../shared/monitoring/report-model.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { DistributionChart } from './DistributionChart.tsx';
import { MonitorTimeline } from './MonitorTimeline.tsx';
import { useMonitoringUi } from './monitoring-ui-store.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { CopyLinkButton } from '../ui/CopyLinkButton.tsx';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function verdict(column: ColumnDrift) {
  if (column.refusal) return <span className="verdict verdict-refused">no verdict</span>;
  return column.drifted ? <span className="verdict verdict-drift">drift</span> : <span className="verdict verdict-ok">ok</span>;
}

/** One monitor: state and alerts, timeline, per-column tests, distributions overlaid, export. */
export function MonitorDetail({ name }: { name: string }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['monitors.get', { name }], queryFn: () => api.call('monitors.get', { name }) });
  const selectedColumn = useMonitoringUi((s) => s.column);
  const selectColumn = useMonitoringUi((s) => s.selectColumn);
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('monitors.') });
  const run = useMutation({ mutationFn: () => api.call('monitors.run', { name }), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => api.call('monitors.delete', { name }), onSuccess: () => (useMonitoringUi.getState().select(null), void refresh()) });
  if (detail.error) return <ErrorAlert error={detail.error} prefix={`Could not load monitor ${name}`} />;
  if (!detail.data)
    return (
      <p role="status" className="loading">
        Loading {name}…
      </p>
    );
  const { monitor, results, latest } = detail.data;
  const report = latest?.report ?? null;
  const column = report?.columns.find((c) => c.name === selectedColumn) ?? report?.columns.find((c) => c.drifted) ?? report?.columns[0] ?? null;
  return (
    <section className="monitor-detail" aria-label={`Monitor ${name}`}>
      <header className="monitor-detail-header">
        <h2>{name}</h2>
        <CopyLinkButton what={`monitor ${name}`} />
        <StatusBadge monitor={monitor} />
        <div className="bulk-actions">
          <button type="button" className="button button-primary button-small" disabled={run.isPending} onClick={() => run.mutate()}>
            {run.isPending ? 'Running…' : 'Run now'}
          </button>
          <button type="button" className="button button-small" disabled={!report} onClick={() => report && download(`${name}-report.json`, 'application/json', JSON.stringify(report, null, 2))}>
            Export JSON
          </button>
          <button type="button" className="button button-small" disabled={!report} onClick={() => report && download(`${name}-report.html`, 'text/html', reportHtml(report, `Monitor ${name}`))}>
            Export HTML
          </button>
          <button type="button" className="button button-ghost button-small" onClick={() => remove.mutate()}>
            Delete
          </button>
        </div>
      </header>
      <Facts monitor={monitor} />
      {run.error && <ErrorAlert error={run.error} prefix="Could not run the monitor" onDismiss={run.reset} />}
      {latest && latest.alerts.length > 0 && (
        <div role="alert" className="monitor-alerts">
          <strong>Alert</strong> ({new Date(latest.at).toLocaleString()}):
          <ul>
            {latest.alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {latest?.error && <ErrorAlert error={new Error(latest.error)} prefix="The last run failed" />}
      <h3>Timeline</h3>
      <MonitorTimeline results={results} threshold={monitor.spec.thresholds.driftShare} />
      {report && <ReportView report={report} column={column} onColumn={selectColumn} />}
    </section>
  );
}

function Facts({ monitor }: { monitor: MonitorSummary }) {
  const { spec } = monitor;
  const describe = (s: MonitorSummary['spec']['reference'] | MonitorSummary['spec']['current']) =>
    s.kind === 'file' ? s.path : s.kind === 'endpoint' ? `endpoint ${s.endpoint}, last ${s.window}` : s.kind === 'featureSet' ? `feature set ${s.name}${s.version ? ` v${s.version}` : ''}` : `${s.runId ?? s.pipeline ?? ''} ${s.step}/${s.artifact}`;
  return (
    <dl className="schedule-facts">
      <div>
        <dt>Reference</dt>
        <dd>{describe(spec.reference)}</dd>
      </div>
      <div>
        <dt>Current</dt>
        <dd>{describe(spec.current)}</dd>
      </div>
      <div>
        <dt>Model</dt>
        <dd>{spec.model ?? '—'}</dd>
      </div>
      <div>
        <dt>Schedule</dt>
        <dd>{spec.schedule ? <code>{spec.schedule.cron}</code> : 'on demand'}</dd>
      </div>
      <div>
        <dt>Next run</dt>
        <dd>{monitor.nextRun ? new Date(monitor.nextRun).toLocaleString() : '—'}</dd>
      </div>
      <div>
        <dt>Alert when</dt>
        <dd>
          drift share ≥ {spec.thresholds.driftShare}
          {spec.thresholds.quality.map((q) => `; ${q.metric}${q.min !== undefined ? ` < ${q.min}` : ''}${q.max !== undefined ? ` > ${q.max}` : ''}`).join('')}
        </dd>
      </div>
    </dl>
  );
}

function ReportView({ report, column, onColumn }: { report: DriftReport; column: ColumnDrift | null; onColumn(name: string): void }) {
  return (
    <>
      <h3>Latest report</h3>
      <p className="report-summary">
        <strong>{report.datasetDrifted === null ? 'No verdict' : report.datasetDrifted ? 'Dataset drift' : 'No dataset drift'}</strong>: {report.driftedColumns} of {report.testedColumns} columns drifted
        {report.driftShare !== null && ` (share ${formatNumber(report.driftShare)}, threshold ${report.driftShareThreshold})`}. Reference {report.reference.rows} rows, current {report.current.rows} rows{report.model ? `, model ${report.model}` : ''}.
      </p>
      {report.problems.length > 0 && (
        <ul className="report-problems">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {report.quality && (
        <table className="quality-table" aria-label="Quality">
          <thead>
            <tr>
              <th>Quality ({report.quality.task})</th>
              <th>This window</th>
              <th>Training</th>
            </tr>
          </thead>
          <tbody>
            {report.quality.refusal ? (
              <tr>
                <td colSpan={3}>{report.quality.refusal}</td>
              </tr>
            ) : (
              Object.entries(report.quality.metrics).map(([metric, value]) => (
                <tr key={metric}>
                  <td>{metric}</td>
                  <td>{formatNumber(value)}</td>
                  <td>{formatNumber(report.quality?.training[metric])}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
      <table className="drift-table" aria-label="Columns">
        <thead>
          <tr>
            <th>Column</th>
            <th>Kind</th>
            <th>Test</th>
            <th>Statistic</th>
            <th>p-value</th>
            <th>Effect size</th>
            <th>PSI</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map((c) => (
            <tr key={c.name} className={c.name === column?.name ? 'selected' : undefined} onClick={() => onColumn(c.name)} aria-selected={c.name === column?.name}>
              <td>
                <button type="button" className="link-button" onClick={() => onColumn(c.name)}>
                  {c.name}
                </button>
              </td>
              <td>{c.kind}</td>
              <td>{c.test ? TEST_LABELS[c.test] : '—'}</td>
              <td>{formatNumber(c.statistic)}</td>
              <td>{formatNumber(c.pValue)}</td>
              <td title={c.effectSizeName}>{formatNumber(c.effectSize)}</td>
              <td>{formatNumber(c.psi)}</td>
              <td>{verdict(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {column && (
        <section className="column-detail" aria-label={`Column ${column.name}`}>
          <h3>
            {column.name} {verdict(column)}
          </h3>
          <p>
            {column.refusal
              ? `No verdict: ${column.refusal}.`
              : `${TEST_LABELS[column.test as string]}: statistic ${formatNumber(column.statistic)}${column.pValue !== null ? `, p-value ${formatNumber(column.pValue)}` : ''} (drift ${column.pValue !== null ? 'below' : 'at or above'} ${column.threshold}); effect size ${formatNumber(column.effectSize)} (${column.effectSizeName}); PSI ${formatNumber(column.psi)}.`}{' '}
            Reference {column.reference.rows} values{column.reference.mean !== null ? `, mean ${formatNumber(column.reference.mean)}` : ''}; current {column.current.rows}
            {column.current.mean !== null ? `, mean ${formatNumber(column.current.mean)}` : ''}
            {column.current.invalid ? `; ${column.current.invalid} non-numeric left out` : ''}.
          </p>
          {column.distribution && <DistributionChart distribution={column.distribution} column={column.name} />}
        </section>
      )}
    </>
  );
}
