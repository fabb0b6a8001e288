/**
 * One ticking clock for the whole window. Every relative time ("3 minutes ago", "Up 5 seconds")
 * subscribes with the resolution it needs; one timer runs at the finest resolution asked for, and
 * none runs while nobody listens or while the document is hidden (idle CPU matters).
 */
export interface ClockDeps {
  now(): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Whether the window is hidden now (no ticks then). */
  isHidden(): boolean;
}

export interface SharedClock {
  /** The time of the last tick (or now, when nothing ticks). */
  now(): number;
  /** Calls `listener` whenever a new `intervalMs` period begins; returns the unsubscribe. */
  subscribe(intervalMs: number, listener: (now: number) => void): () => void;
  /** Tell the clock the document's visibility changed: it pauses or resumes (with one tick at once). */
  visibilityChanged(): void;
  /** How many timers run now (0 or 1); for tests and the idle-CPU check. */
  runningTimers(): number;
}

interface Subscriber {
  intervalMs: number;
  listener(now: number): void;
  period: number;
}

export function createSharedClock(deps: ClockDeps): SharedClock {
  const subscribers = new Set<Subscriber>();
  let timer: unknown = null;
  let timerMs = 0;
  let last = deps.now();

  const tick = () => {
    last = deps.now();
    for (const s of [...subscribers]) {
      const period = Math.floor(last / s.intervalMs);
      if (period !== s.period) {
        s.period = period;
        s.listener(last);
      }
    }
  };

  const reschedule = () => {
    const wanted = subscribers.size === 0 || deps.isHidden() ? 0 : Math.min(...[...subscribers].map((s) => s.intervalMs));
    if (wanted === timerMs) return;
    if (timer !== null) deps.clearInterval(timer);
    timer = null;
    timerMs = wanted;
    if (wanted > 0) timer = deps.setInterval(tick, wanted);
  };

  return {
    now: () => (timer === null ? deps.now() : last),
    subscribe(intervalMs, listener) {
      const subscriber: Subscriber = { intervalMs: Math.max(100, intervalMs), listener, period: Math.floor(deps.now() / Math.max(100, intervalMs)) };
      subscribers.add(subscriber);
      reschedule();
      return () => {
        subscribers.delete(subscriber);
        reschedule();
      };
    },
    visibilityChanged() {
      reschedule();
      if (!deps.isHidden()) tick();
    },
    runningTimers: () => (timer === null ? 0 : 1),
  };
}
