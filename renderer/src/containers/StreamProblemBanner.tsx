import { useNow } from '../ui/use-now.ts';
import type { StreamProblem } from '../live/use-live-list.ts';

/** Says the list may be stale while the engine's event stream reconnects, with a countdown. */
export function StreamProblemBanner({ problem }: { problem: StreamProblem }) {
  const now = useNow(1000);
  const what = problem.source === 'engine' ? "Lost the engine's event stream" : 'Lost the connection to Benchtop';
  const seconds = problem.retryAt === null ? null : Math.max(0, Math.ceil((problem.retryAt - now) / 1000));
  return (
    <div role="status" className="banner banner-warning">
      <strong>
        {what}, {seconds === null ? 'reconnecting…' : seconds === 0 ? 'reconnecting now…' : `reconnecting in ${seconds}s…`}
      </strong>{' '}
      <span className="banner-detail">{problem.message}</span>
    </div>
  );
}
