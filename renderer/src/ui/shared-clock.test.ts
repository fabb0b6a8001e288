import { describe, expect, it } from 'vitest';
import { createSharedClock } from './shared-clock.ts';

// A fake timer: the clock's only dependency on the environment (pure logic under test).
function fakeEnvironment() {
  let now = 0;
  let hidden = false;
  const timers = new Map<number, { run(): void; ms: number; next: number }>();
  let ids = 0;
  return {
    deps: {
      now: () => now,
      setInterval: (run: () => void, ms: number) => {
        timers.set(++ids, { run, ms, next: now + ms });
        return ids;
      },
      clearInterval: (handle: unknown) => void timers.delete(handle as number),
      isHidden: () => hidden,
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.run();
      }
      now = end;
    },
    setHidden: (value: boolean) => (hidden = value),
    timers,
  };
}

describe('createSharedClock', () => {
  it('runs one timer for every subscriber, at the finest interval, and none without subscribers', () => {
    const env = fakeEnvironment();
    const clock = createSharedClock(env.deps);
    const seconds: number[] = [];
    const minutes: number[] = [];
    const a = clock.subscribe(1000, (t) => seconds.push(t));
    const b = clock.subscribe(60_000, (t) => minutes.push(t));
    const c = clock.subscribe(1000, () => {});
    expect(env.timers.size).toBe(1);
    env.advance(120_000);
    expect(seconds).toHaveLength(120);
    expect(minutes).toEqual([60_000, 120_000]);
    a();
    c();
    expect(env.timers.size).toBe(1);
    expect([...env.timers.values()][0].ms).toBe(60_000);
    b();
    expect(clock.runningTimers()).toBe(0);
  });

  it('pauses while the document is hidden and ticks at once when it shows again', () => {
    const env = fakeEnvironment();
    const clock = createSharedClock(env.deps);
    const ticks: number[] = [];
    clock.subscribe(1000, (t) => ticks.push(t));
    env.setHidden(true);
    clock.visibilityChanged();
    expect(clock.runningTimers()).toBe(0);
    env.advance(10_000);
    expect(ticks).toEqual([]);
    env.setHidden(false);
    clock.visibilityChanged();
    expect(ticks).toEqual([10_000]);
    expect(clock.runningTimers()).toBe(1);
  });
});
