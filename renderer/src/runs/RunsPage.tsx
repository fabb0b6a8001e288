import { useState } from 'react';
import { CompareView } from './CompareView.tsx';
import { NewRunDialog } from './NewRunDialog.tsx';
import { RunDetailView } from './RunDetailView.tsx';
import { RunHistory } from './RunHistory.tsx';
import { useRunsUi } from './runs-ui-store.ts';
import { useLiveRuns } from './use-run-events.ts';

/** Runs: the history with filters, a run's detail and timeline, and the comparison of picked runs; live from runs.events. */
export function RunsPage() {
  useLiveRuns();
  const tab = useRunsUi((s) => s.tab);
  const openRunId = useRunsUi((s) => s.openRunId);
  const compareCount = useRunsUi((s) => s.compareIds.length);
  const { setTab, showRun } = useRunsUi.getState();
  const [newRun, setNewRun] = useState(false);
  return (
    <div className="page runs-page">
      <div className="page-header runs-page-header">
        <h1>Runs</h1>
        <button type="button" className="button button-primary" onClick={() => setNewRun(true)}>
          New run…
        </button>
      </div>
      <div className="runs-tabs" role="tablist" aria-label="Runs views">
        <button type="button" role="tab" aria-selected={tab === 'history'} className="runs-tab" onClick={() => setTab('history')}>
          History
        </button>
        <button type="button" role="tab" aria-selected={tab === 'compare'} className="runs-tab" onClick={() => setTab('compare')}>
          Compare{compareCount > 0 ? ` (${compareCount})` : ''}
        </button>
      </div>
      <div className="runs-body" role="tabpanel">
        {tab === 'compare' ? (
          <CompareView />
        ) : openRunId ? (
          <>
            <div>
              <button type="button" className="button button-small button-ghost" onClick={() => showRun(null)}>
                ← All runs
              </button>
            </div>
            <RunDetailView key={openRunId} id={openRunId} />
          </>
        ) : (
          <RunHistory />
        )}
      </div>
      {newRun && (
        <NewRunDialog
          onClose={() => setNewRun(false)}
          onStarted={(runId) => {
            setNewRun(false);
            showRun(runId);
          }}
        />
      )}
    </div>
  );
}
