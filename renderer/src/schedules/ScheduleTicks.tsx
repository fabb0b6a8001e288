import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiQuery } from '../api/use-api.ts';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The next five ticks and the missed ones (with what a start-up would still catch up). */
export function ScheduleTicks({ pipeline }: { pipeline: string }) {
  const input = { pipeline, next: 5 };
  const ticks = useApiQuery('schedules.ticks', input, { refetchInterval: 60_000 });
  if (ticks.error) return <ErrorAlert error={ticks.error} prefix="Could not compute the ticks" />;
  if (!ticks.data) return <p className="loading">Computing ticks…</p>;
  const { next, missed, missedCount, catchUp, startingDeadlineMs } = ticks.data;
  return (
    <div className="schedule-ticks">
      <div aria-label={`Next ticks of ${pipeline}`}>
        <h3>Next ticks</h3>
        {next.length === 0 ? (
          <p className="muted">None: the schedule is disabled or suspended.</p>
        ) : (
          <ol className="tick-list">
            {next.map((tick) => (
              <li key={tick}>
                <time dateTime={tick}>{when(tick)}</time>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div aria-label={`Missed ticks of ${pipeline}`}>
        <h3>Missed ticks</h3>
        {missedCount === 0 ? (
          <p className="muted">None since the last tick.</p>
        ) : (
          <>
            <p>
              {missedCount} tick{missedCount === 1 ? '' : 's'} passed without a run (Benchtop was not running).{' '}
              {catchUp
                ? `The latest, ${when(catchUp)}, is within the starting deadline (${Math.round(startingDeadlineMs / 60_000)} min) and runs when the scheduler starts.`
                : `They are past the starting deadline (${Math.round(startingDeadlineMs / 60_000)} min): backfill them to run them.`}
            </p>
            <ol className="tick-list tick-list-missed">
              {missed
                .slice(-5)
                .reverse()
                .map((tick) => (
                  <li key={tick}>
                    <time dateTime={tick}>{when(tick)}</time>
                  </li>
                ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}
