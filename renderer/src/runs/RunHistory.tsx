import { keepPreviousData } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { SUCCESS_STEP_STATES, type RunSummary } from '../../../shared/pipeline/run-model.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useNow } from '../ui/use-now.ts';
import { RunFiltersBar } from './RunFiltersBar.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';
import { listInput, RUNS_PAGE, useRunsUi } from './runs-ui-store.ts';
import { formatSpan } from './timeline-model.ts';
import { useApiQuery } from '../api/use-api.ts';
import { WideTable } from '../ui/WideTable.tsx';
import { useProgressiveRows } from '../ui/use-progressive-rows.ts';

/** Beyond this many steps the row shows a count instead of more dots. */
const MAX_DOTS = 24;
const durationOf = (run: RunSummary, now: number) => formatSpan((run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.createdAt));

const NO_RUNS: RunSummary[] = [];
/** runs.list answers 10,000 at most. */
const MAX_RUNS = 10_000;

/** The run history: filters, a row per run (newest first), pick runs to compare, open one. */
export function RunHistory() {
  const filters = useRunsUi((s) => s.filters);
  const compareIds = useRunsUi((s) => s.compareIds);
  const { showRun, toggleCompare, setTab, setFilters } = useRunsUi.getState();
  const deferredText = useDeferredValue(filters.text);
  // The time range is relative to when the filter was chosen, not to every clock tick.
  const { pipeline, state, range } = filters;
  // "Show more" grows the page for the filters it was asked under; new filters start at one page.
  const [more, setMore] = useState({ key: '', limit: RUNS_PAGE });
  const filterKey = JSON.stringify([pipeline, state, range, deferredText]);
  const limit = more.key === filterKey ? more.limit : RUNS_PAGE;
  const input = useMemo(() => listInput({ pipeline, state, range, text: deferredText }, Date.now(), limit), [pipeline, state, range, deferredText, limit]);
  const list = useApiQuery('runs.list', input, { placeholderData: keepPreviousData });
  // The pipeline filter's choices: their names only (listing 1,000 runs for them cost 170 ms of the
  // core at 10,000 runs, and held up the filter typed right after the page opened).
  const names = useApiQuery('runs.pipelines', {}, { staleTime: 10_000 });
  const pipelines = useMemo(() => [...new Set([...(names.data ?? []), ...(filters.pipeline ? [filters.pipeline] : [])])].sort(), [names.data, filters.pipeline]);
  const runs = list.data ?? NO_RUNS;
  // Durations tick while a listed run runs; the rest of the time the table stays still.
  const now = useNow(runs.some((run) => !run.finishedAt) ? 1000 : 60_000);
  const drawn = useProgressiveRows(runs);
  const filtered = Boolean(filters.pipeline || filters.state || filters.range !== 'any' || filters.text.trim());

  return (
    <>
      <div className="toolbar">
        <RunFiltersBar pipelines={pipelines} />
        <div className="bulk-actions">
          {compareIds.length > 0 && <span className="bulk-count">{compareIds.length} picked</span>}
          <button type="button" className="button" disabled={compareIds.length < 2} onClick={() => setTab('compare')} title="Pick two or more runs with their checkboxes">
            Compare
          </button>
        </div>
      </div>
      {list.error && <ErrorAlert error={list.error} prefix="Could not list runs" />}
      {list.isPending ? (
        <p role="status" className="loading">
          Loading runs…
        </p>
      ) : runs.length === 0 ? (
        <div className="empty-state">
          {filtered ? (
            <>
              <p>No runs match the filters.</p>
              <button type="button" className="button" onClick={() => setFilters({ pipeline: '', state: '', range: 'any', text: '' })}>
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p className="empty-title">No runs yet</p>
              <p>Run a pipeline from the Pipelines page, with New run… here, or from a terminal:</p>
              <pre className="empty-command">
                <code>benchtop run resources/examples/busybox-select/pipeline.yaml</code>
              </pre>
            </>
          )}
        </div>
      ) : (
        <>
        <WideTable pinned={2}>
          <table className="resource-table runs-table" aria-label="Runs">
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <span className="runs-sr-only">Compare</span>
                </th>
                <th scope="col">Run</th>
                <th scope="col">Pipeline</th>
                <th scope="col">State</th>
                <th scope="col">Steps</th>
                <th scope="col">Params</th>
                <th scope="col">Started</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {drawn.map((run) => {
                const states = Object.values(run.steps);
                const ok = states.filter((s) => SUCCESS_STEP_STATES.has(s)).length;
                return (
                  <tr key={run.id} className={compareIds.includes(run.id) ? 'row-selected' : undefined}>
                    <td className="col-check">
                      <input type="checkbox" aria-label={`Compare ${run.id}`} checked={compareIds.includes(run.id)} onChange={(e) => toggleCompare(run.id, e.currentTarget.checked)} />
                    </td>
                    <td>
                      <button type="button" className="link-button run-name-link" onClick={() => showRun(run.id)} aria-label={`Open run ${run.id} ${run.name}`}>
                        {run.name}
                      </button>
                      <code className="run-id run-id-small">{run.id}</code>
                      {run.rerunOf && <span className="badge badge-soft run-rerun-mark" title={`Re-run (${run.rerunMode}) of ${run.rerunOf}`}>re-run</span>}
                    </td>
                    <td>{run.pipeline}</td>
                    <td>
                      <RunStateBadge state={run.state} />
                    </td>
                    <td>
                      <span className="run-step-dots" aria-label={`${ok} of ${states.length} steps succeeded`}>
                        {Object.entries(run.steps)
                          .slice(0, MAX_DOTS)
                          .map(([step, state]) => (
                            <span key={step} className={`run-step-dot run-state-${state}`} title={`${step}: ${state}`} />
                          ))}
                        {states.length > MAX_DOTS && <span className="muted">+{states.length - MAX_DOTS}</span>}
                      </span>
                      <span className="muted run-step-count">
                        {ok}/{states.length}
                      </span>
                    </td>
                    <td className="run-params-cell" title={Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join('\n')}>
                      {Object.entries(run.params).map(([k, v]) => (
                        <span key={k} className="run-param-chip">
                          {k}={v}
                        </span>
                      ))}
                    </td>
                    <td className="muted">{new Date(run.createdAt).toLocaleString()}</td>
                    <td className="muted">{durationOf(run, now)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </WideTable>
        {runs.length >= limit && limit < MAX_RUNS && (
          <p className="muted">
            Showing the latest {runs.length} runs: narrow the filters to see others, or{' '}
            <button type="button" className="link-button" onClick={() => setMore({ key: filterKey, limit: Math.min(limit + RUNS_PAGE, MAX_RUNS) })}>
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
