import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { cellOf, columnKey, compareTable, formatCell, sortRuns, toCsv, type CompareColumn } from './compare-model.ts';
import { MetricChart } from './MetricChart.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';
import { useRunsUi } from './runs-ui-store.ts';
import { WideTable } from '../ui/WideTable.tsx';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The picked runs side by side: params and metrics (missing is "—", never 0), sortable, differing params marked, CSV, and a chart per metric. */
export function CompareView() {
  const api = useApiClient();
  const ids = useRunsUi((s) => s.compareIds);
  const { showRun, toggleCompare, clearCompare, setTab } = useRunsUi.getState();
  const [sort, setSort] = useState<{ column: CompareColumn; direction: 'asc' | 'desc' }>({ column: { kind: 'created' }, direction: 'asc' });
  const compare = useQuery({ queryKey: ['runs.compare', { ids }], queryFn: () => api.call('runs.compare', { ids: [...ids] }), enabled: ids.length > 0 });
  const runs = useMemo(() => compare.data ?? [], [compare.data]);
  const table = useMemo(() => compareTable(runs), [runs]);
  const sorted = useMemo(() => sortRuns(runs, sort.column, sort.direction), [runs, sort]);

  if (ids.length < 2) {
    return (
      <div className="empty-state">
        <p className="empty-title">Pick runs to compare</p>
        <p>Tick two or more runs in the history, then press Compare.</p>
        <button type="button" className="button" onClick={() => setTab('history')}>
          Back to history
        </button>
      </div>
    );
  }
  const columns: { column: CompareColumn; label: string; differs?: boolean }[] = [
    { column: { kind: 'run' }, label: 'Run' },
    { column: { kind: 'state' }, label: 'State' },
    { column: { kind: 'created' }, label: 'Started' },
    ...table.params.map((name) => ({ column: { kind: 'param', name } as CompareColumn, label: name, differs: table.differing.has(name) })),
    ...table.metrics.map((name) => ({ column: { kind: 'metric', name } as CompareColumn, label: name })),
  ];
  const header = (entry: (typeof columns)[number]) => {
    const active = columnKey(entry.column) === columnKey(sort.column);
    return (
      <th
        key={columnKey(entry.column)}
        scope="col"
        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={`compare-col-${entry.column.kind}${entry.differs ? ' compare-differs' : ''}`}
      >
        <button
          type="button"
          className="compare-sort"
          onClick={() => setSort({ column: entry.column, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
          title={entry.differs ? 'This param differs between the runs' : undefined}
        >
          {entry.column.kind === 'param' ? 'param ' : entry.column.kind === 'metric' ? 'metric ' : ''}
          {entry.label}
          {entry.differs ? ' ≠' : ''}
          <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <div className="compare-view">
      <div className="toolbar">
        <span className="muted">{runs.length} runs · params that differ are marked ≠ · a missing value is —</span>
        <div className="bulk-actions">
          <button type="button" className="button" disabled={runs.length === 0} onClick={() => download(`benchtop-runs-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`, toCsv(sorted, table))}>
            Export CSV
          </button>
          <button type="button" className="button" onClick={() => (clearCompare(), setTab('history'))}>
            Clear
          </button>
        </div>
      </div>
      {compare.error && <ErrorAlert error={compare.error} prefix="Could not load the runs" />}
      <WideTable className="table-scroll-auto">
        <table className="resource-table compare-table" aria-label="Compare runs">
          <thead>
            <tr>
              {columns.map(header)}
              <th scope="col">
                <span className="runs-sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((run) => (
              <tr key={run.id}>
                {columns.map(({ column, differs }) => {
                  const cell = cellOf(run, column);
                  if (column.kind === 'run') {
                    return (
                      <td key="run">
                        <button type="button" className="link-button run-name-link" onClick={() => showRun(run.id)} aria-label={`Open run ${run.id} ${run.name}`}>
                          {run.name}
                        </button>
                        <code className="run-id run-id-small">{run.id}</code>
                        <div className="muted compare-pipeline">{run.pipeline}</div>
                      </td>
                    );
                  }
                  if (column.kind === 'state') {
                    return (
                      <td key="state">
                        <RunStateBadge state={run.state} />
                      </td>
                    );
                  }
                  if (column.kind === 'created') return <td key="created" className="muted">{new Date(run.createdAt).toLocaleString()}</td>;
                  return (
                    <td key={columnKey(column)} className={`compare-cell${cell === null ? ' compare-missing' : ''}${differs ? ' compare-differs' : ''}${column.kind === 'metric' ? ' compare-number' : ''}`}>
                      {formatCell(cell)}
                    </td>
                  );
                })}
                <td>
                  <button type="button" className="button button-small button-ghost" aria-label={`Remove ${run.id} from the comparison`} onClick={() => toggleCompare(run.id, false)}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      {table.metrics.length > 0 ? (
        <div className="metric-charts" aria-label="Metric plots">
          {table.metrics.map((metric) => (
            <MetricChart key={metric} metric={metric} runs={sorted} />
          ))}
        </div>
      ) : (
        runs.length > 0 && <p className="muted">None of these runs recorded metrics (a step's outputs.metrics).</p>
      )}
    </div>
  );
}
