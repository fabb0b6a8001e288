import { useApiQuery } from '../api/use-api.ts';
import { useLiveRuns } from '../runs/use-run-events.ts';
import { useRunsUi } from '../runs/runs-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useNow } from '../ui/use-now.ts';
import { QueryBody } from './QueryBody.tsx';
import { runDuration } from './run-duration.ts';
import { Tile } from './Tile.tsx';

/** The last runs: state, name and whole id, how long, when; each opens on the Runs page. Live from runs.events. */
export function RecentRunsSection() {
  const runs = useApiQuery('runs.list', { limit: 6 }, { staleTime: 1_000 });
  useLiveRuns();
  // A finished run's duration is fixed: the clock ticks every second only while one runs.
  const now = useNow(runs.data?.some((run) => run.finishedAt === null) ? 1_000 : 60_000);
  const setPage = useUiStore((s) => s.setPage);
  return (
    <Tile title="Recent runs" page="runs" linkLabel="Open Runs" wide>
      <QueryBody query={runs} what="the runs">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No run yet: open a pipeline and press Run.</p>
          ) : (
            <ul className="home-list" aria-label="Recent runs">
              {list.map((run) => (
                <li key={run.id}>
                  <span className={`badge run-state run-state-${run.state}`}>{run.state}</span>
                  <button
                    type="button"
                    className="link-button home-run-open"
                    aria-label={`Open run ${run.id} of ${run.pipeline}`}
                    onClick={() => {
                      useRunsUi.getState().showRun(run.id);
                      setPage('runs');
                    }}
                  >
                    {run.name} <span className="mono muted">{run.id}</span>
                  </button>
                  <span className="home-list-meta mono">{runDuration(run, now)}</span>
                  <span className="home-list-meta muted">{new Date(run.createdAt).toLocaleString()}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBody>
    </Tile>
  );
}
