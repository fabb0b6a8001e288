import { describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from './quit-guard.ts';

const event = () => {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
};

describe('createQuitGuard', () => {
  it('holds the quit until cleanup is done, then lets it through', async () => {
    let finish = () => {};
    const cleanup = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ cleanup, quit });
    const first = event();
    guard(first);
    const second = event();
    guard(second);
    expect([first.prevented, second.prevented]).toEqual([true, true]);
    expect(cleanup).toHaveBeenCalledTimes(1);
    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const last = event();
    guard(last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when cleanup hangs or fails', async () => {
    vi.useFakeTimers();
    try {
      const quit = vi.fn();
      const warnings: string[] = [];
      createQuitGuard({ cleanup: () => new Promise(() => {}), quit, timeoutMs: 100, log: { info() {}, warn: (m) => warnings.push(m), error() {} } })(event());
      await vi.advanceTimersByTimeAsync(100);
      expect(quit).toHaveBeenCalledTimes(1);
      expect(warnings).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
    const quit = vi.fn();
    createQuitGuard({ cleanup: () => Promise.reject(new Error('db locked')), quit })(event());
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
  });
});
