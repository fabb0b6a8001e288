import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { TrackingRun } from '../../../shared/api/methods/tracking.ts';
import { ApiCallError } from '../api/api-call-error.ts';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useDismiss } from '../ui/use-dismiss.ts';
import { cellValue, COLUMNS_SETTING, effectiveColumns } from './columns.ts';
import { useExperimentsUi } from './experiments-ui-store.ts';
import { MetricCharts } from './MetricCharts.tsx';
import { TrackingRunDetail } from './TrackingRunDetail.tsx';
import { useProgressiveRows } from '../ui/use-progressive-rows.ts';
import { TrackingStatusNote } from './TrackingStatusNote.tsx';
import { useLiveTracking, useTrackingStatus } from './use-tracking.ts';
import { useNow } from '../ui/use-now.ts';
import { WideTable } from '../ui/WideTable.tsx';

const formatTime = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());
const duration = (run: TrackingRun, now: number) => {
  if (run.startTime === null) return '—';
  const s = Math.round(((run.endTime ?? now) - run.startTime) / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
};

/**
 * Experiments: every MLflow experiment in this home's catalog (pipeline steps, environments,
 * imports, clients logging straight to the endpoint), their runs with a filter in MLflow's grammar,
 * chosen columns (kept in the settings), a run's live charts, and compare with overlaid histories.
 */
export function ExperimentsPage() {
  useLiveTracking();
  const api = useApiClient();
  const { tab, experimentId, openRunId, compareIds } = useExperimentsUi();
  const { setTab, pickExperiment, openRun } = useExperimentsUi.getState();
  const experiments = useQuery({ queryKey: ['tracking.experiments', {}], queryFn: () => api.call('tracking.experiments', {}) });
  const status = useTrackingStatus();
  return (
    <div className="page experiments-page">
      <div className="page-header">
        <h1>Experiments</h1>
        {status.data?.serving && status.data.uri && (
          <span className="muted experiments-uri" title="MLFLOW_TRACKING_URI for clients on this machine">
            Tracking URI <code>{status.data.uri}</code>
          </span>
        )}
      </div>
      <TrackingStatusNote />
      {experiments.error && <ErrorAlert error={experiments.error} prefix="Could not list experiments" />}
      <div className="experiments-layout">
        <nav className="experiments-list" aria-label="Experiments">
          <button type="button" className={`experiments-item${experimentId === null ? ' experiments-item-active' : ''}`} aria-pressed={experimentId === null} onClick={() => pickExperiment(null)}>
            <span className="experiments-item-name">All experiments</span>
          </button>
          {(experiments.data ?? []).map((e) => (
            <button
              key={e.experimentId}
              type="button"
              className={`experiments-item${experimentId === e.experimentId ? ' experiments-item-active' : ''}`}
              aria-pressed={experimentId === e.experimentId}
              onClick={() => pickExperiment(e.experimentId)}
            >
              <span className="experiments-item-name">{e.name}</span>
              <span className="experiments-item-meta">
                <span className={`badge badge-soft experiment-source-${e.source}`}>{e.source}</span> {e.runCount} run{e.runCount === 1 ? '' : 's'}
              </span>
            </button>
          ))}
        </nav>
        <div className="experiments-main">
          <div className="runs-tabs" role="tablist" aria-label="Experiment views">
            <button type="button" role="tab" aria-selected={tab === 'runs'} className="runs-tab" onClick={() => setTab('runs')}>
              Runs
            </button>
            <button type="button" role="tab" aria-selected={tab === 'compare'} className="runs-tab" onClick={() => setTab('compare')}>
              Compare{compareIds.length > 0 ? ` (${compareIds.length})` : ''}
            </button>
          </div>
          <div role="tabpanel" className="experiments-body">
            {tab === 'compare' ? (
              <CompareRuns />
            ) : openRunId ? (
              <>
                <div>
                  <button type="button" className="button button-small button-ghost" onClick={() => openRun(null)}>
                    ← All runs
                  </button>
                </div>
                <TrackingRunDetail key={openRunId} runId={openRunId} />
              </>
            ) : (
              <RunsTable />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Runs asked for at first and added by each "show more" (tracking.runs allows 5,000 at most). */
const RUNS_PAGE = 100;
const NO_RUNS: TrackingRun[] = [];
const MAX_RUNS = 5000;

function RunsTable() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { experimentId, filter, compareIds } = useExperimentsUi();
  const { setFilter, openRun, toggleCompare, setTab } = useExperimentsUi.getState();
  const [draft, setDraft] = useState(filter);
  const [chooser, setChooser] = useState(false);
  const chooserRef = useRef<HTMLDivElement>(null);
  useDismiss(chooserRef, () => setChooser(false), { outsidePress: true, enabled: chooser });
  // A page of runs at a time (as MLflow's UI): the first paint and a filter cost the same with
  // 100 runs or 10,000; "Show more" asks for the next page.
  const [shown, setShown] = useState({ key: '', count: RUNS_PAGE });
  const viewKey = `${experimentId ?? ''}\u0000${filter}`;
  const maxResults = shown.key === viewKey ? shown.count : RUNS_PAGE;
  const input = { experimentIds: experimentId ? [experimentId] : [], filter, orderBy: ['attributes.start_time DESC'], maxResults };
  const runs = useQuery({ queryKey: ['tracking.runs', input], queryFn: () => api.call('tracking.runs', input), retry: false, placeholderData: (previous) => previous });
  const stored = useQuery({ queryKey: ['settings.get', { key: COLUMNS_SETTING }], queryFn: () => api.call('settings.get', { key: COLUMNS_SETTING }) });
  const saveColumns = useMutation({ mutationFn: (columns: string[]) => api.call('settings.set', { key: COLUMNS_SETTING, value: columns }) });
  const data = runs.data;
  // Durations tick while a listed run runs; the rest of the time the table stays still.
  const now = useNow(data?.runs.some((run) => run.endTime === null) ? 1000 : 60_000);
  const drawn = useProgressiveRows(data?.runs ?? NO_RUNS);
  // The choice lives here once made (a controlled checkbox needs it at once), and in the settings to be kept.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const columns = chosen ?? effectiveColumns(stored.data?.value, data?.metricKeys ?? []);
  const filterError = runs.error instanceof ApiCallError && runs.error.code === 'invalid_input' ? runs.error : null;
  const metricKeys = data?.metricKeys ?? [];
  const choices = [
    ...metricKeys.filter((k) => !k.startsWith('system/')).map((k) => `metrics.${k}`),
    ...(data?.paramKeys ?? []).map((k) => `params.${k}`),
    ...(data?.tagKeys ?? []).filter((k) => !k.startsWith('mlflow.')).map((k) => `tags.${k}`),
    ...metricKeys.filter((k) => k.startsWith('system/')).map((k) => `metrics.${k}`),
  ];
  const toggleColumn = (column: string, on: boolean) => {
    const next = on ? [...columns.filter((c) => c !== column), column] : columns.filter((c) => c !== column);
    setChosen(next);
    queryClient.setQueryData(['settings.get', { key: COLUMNS_SETTING }], { key: COLUMNS_SETTING, value: next });
    saveColumns.mutate(next);
  };
  return (
    <>
      <form
        className="toolbar experiments-filter"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft.trim());
        }}
      >
        <input
          className="input experiments-filter-input"
          aria-label="Filter runs"
          placeholder={'metrics.loss < 0.5 and params.lr = "0.01"'}
          value={draft}
          spellCheck={false}
          aria-invalid={filterError ? true : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" className="button">
          Filter
        </button>
        {filter && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setDraft('');
              setFilter('');
            }}
          >
            Clear
          </button>
        )}
        <div className="columns-chooser" ref={chooserRef}>
          <button type="button" className="button" aria-expanded={chooser} onClick={() => setChooser(!chooser)}>
            Columns ({columns.length})
          </button>
          {chooser && (
            <div className="columns-chooser-menu" role="group" aria-label="Columns">
              {choices.length === 0 && <p className="muted">No metrics, params or tags yet.</p>}
              {choices.map((c) => (
                <label key={c} className="columns-chooser-item">
                  <input type="checkbox" checked={columns.includes(c)} onChange={(e) => toggleColumn(c, e.currentTarget.checked)} /> {c}
                </label>
              ))}
            </div>
          )}
        </div>
        <div className="bulk-actions">
          {compareIds.length > 0 && <span className="bulk-count">{compareIds.length} picked</span>}
          <button type="button" className="button" disabled={compareIds.length < 2} onClick={() => setTab('compare')} title="Pick two or more runs with their checkboxes">
            Compare
          </button>
        </div>
      </form>
      {saveColumns.error && <ErrorAlert error={saveColumns.error} prefix="Could not keep the columns" onDismiss={saveColumns.reset} />}
      {filterError ? (
        <div role="alert" className="alert alert-error filter-error">
          <span>Bad filter: {filterError.message}</span>
        </div>
      ) : (
        runs.error && <ErrorAlert error={runs.error} prefix="Could not list runs" />
      )}
      {runs.isPending ? (
        <p className="loading" role="status">
          Loading runs…
        </p>
      ) : filterError || (runs.error && !data) ? null : !data || data.runs.length === 0 ? (
        <div className="empty-state">
          {filter ? (
            <p>No runs match the filter.</p>
          ) : (
            <>
              <p className="empty-title">No runs yet</p>
              <p>Every pipeline step gets a tracking run; scripts that use MLflow log into it with no change. Any MLflow client can log here too.</p>
            </>
          )}
        </div>
      ) : (
        <>
        <WideTable pinned={2}>
          <table className="resource-table runs-table experiments-runs" aria-label="Tracking runs">
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <span className="runs-sr-only">Compare</span>
                </th>
                <th scope="col">Run</th>
                <th scope="col">Experiment</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Took</th>
                {columns.map((c) => (
                  <th key={c} scope="col" className="col-value">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drawn.map((run) => (
                <tr key={run.runId} className={compareIds.includes(run.runId) ? 'row-selected' : undefined}>
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Compare ${run.runName ?? run.runId}`} checked={compareIds.includes(run.runId)} onChange={(e) => toggleCompare(run.runId, e.currentTarget.checked)} />
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => openRun(run.runId)} aria-label={`Open tracking run ${run.runId}`}>
                      {run.runName ?? run.runId}
                    </button>{' '}
                    <code className="muted run-id">{run.runId.slice(0, 8)}</code>
                  </td>
                  <td>{run.experimentName}</td>
                  <td>
                    <span className={`badge tracking-status tracking-status-${run.status.toLowerCase()}`}>{run.status}</span>
                  </td>
                  <td className="muted">{formatTime(run.startTime)}</td>
                  <td className="muted">{duration(run, now)}</td>
                  {columns.map((c) => (
                    <td key={c} className="col-value">
                      {cellValue(run, c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
        {data.truncated && (
          <p className="muted">
            Showing the latest {data.runs.length} runs: narrow the filter to see others, or{' '}
            <button type="button" className="link-button" onClick={() => setShown({ key: viewKey, count: Math.min(maxResults + RUNS_PAGE, MAX_RUNS) })} disabled={maxResults >= MAX_RUNS}>
              show {RUNS_PAGE} more
            </button>
            .
          </p>
        )}
        </>
      )}
    </>
  );
}

function CompareRuns() {
  const api = useApiClient();
  const compareIds = useExperimentsUi((s) => s.compareIds);
  const { toggleCompare, openRun } = useExperimentsUi.getState();
  const input = { filter: compareIds.length > 0 ? `attributes.run_id IN (${compareIds.map((id) => `'${id}'`).join(', ')})` : '', maxResults: 100 };
  const runs = useQuery({ queryKey: ['tracking.runs', input], queryFn: () => api.call('tracking.runs', input), enabled: compareIds.length > 0 });
  if (compareIds.length === 0) return <p className="muted">Pick runs with their checkboxes in the Runs tab, then compare them here.</p>;
  if (runs.error) return <ErrorAlert error={runs.error} prefix="Could not load the runs" />;
  const list = runs.data?.runs ?? [];
  const labels = Object.fromEntries(list.map((r) => [r.runId, `${r.runName ?? r.runId.slice(0, 8)} (${r.runId.slice(0, 6)})`]));
  const paramKeys = runs.data?.paramKeys ?? [];
  return (
    <section className="experiments-compare" aria-label="Compare runs">
      <WideTable className="table-scroll-auto">
        <table className="resource-table experiments-compare-table" aria-label="Compared runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Experiment</th>
              <th scope="col">Status</th>
              {paramKeys.map((k) => (
                <th key={k} scope="col">
                  params.{k}
                </th>
              ))}
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.map((run) => (
              <tr key={run.runId}>
                <td>
                  <button type="button" className="link-button" onClick={() => openRun(run.runId)}>
                    {labels[run.runId]}
                  </button>
                </td>
                <td>{run.experimentName}</td>
                <td>{run.status}</td>
                {paramKeys.map((k) => (
                  <td key={k}>{run.params[k] ?? '—'}</td>
                ))}
                <td>
                  <button type="button" className="button button-small button-ghost" onClick={() => toggleCompare(run.runId, false)} aria-label={`Remove ${labels[run.runId]} from compare`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      <MetricCharts runIds={list.map((r) => r.runId)} keys={runs.data?.metricKeys ?? []} labels={labels} emptyText="These runs have no metrics." />
    </section>
  );
}
