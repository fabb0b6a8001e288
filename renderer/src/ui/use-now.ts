import { useEffect, useState } from 'react';
import { createSharedClock } from './shared-clock.ts';

/** The window's one clock (see shared-clock.ts); paused while the document is hidden. */
export const windowClock = createSharedClock({
  now: () => Date.now(),
  setInterval: (run, ms) => window.setInterval(run, ms),
  clearInterval: (handle) => window.clearInterval(handle as number),
  isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
});
if (typeof document !== 'undefined') document.addEventListener('visibilitychange', () => windowClock.visibilityChanged());

/**
 * The current time, refreshed at the start of every `intervalMs` period from the window's shared
 * clock (one timer for every relative time on screen, none while the window is hidden).
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    return windowClock.subscribe(intervalMs, setNow);
  }, [intervalMs]);
  return now;
}
