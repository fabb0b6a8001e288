import { useTrackingStatus } from './use-tracking.ts';

/** "Tracking endpoint not serving": shown where a logging script would fail to reach it. */
export function TrackingStatusNote() {
  const status = useTrackingStatus();
  if (!status.data || status.data.serving) return null;
  return (
    <p className="banner banner-warning tracking-not-serving" role="status">
      Tracking endpoint not serving{status.data.uri ? ` (${status.data.uri})` : ''}. {status.data.problem ?? ''}
    </p>
  );
}
