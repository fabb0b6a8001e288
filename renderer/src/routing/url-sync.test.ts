import { afterEach, describe, expect, it } from 'vitest';
import { useEndpointsUi } from '../endpoints/endpoints-ui-store.ts';
import { useRunsUi } from '../runs/runs-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import { startUrlSync, type BrowserWindowLike } from './url-sync.ts';

/** A window's history in memory (pure logic: the e2e spec drives the real one in Chromium). */
function fakeWindow(start: string) {
  const entries = [start];
  let index = 0;
  let listener: (() => void) | null = null;
  const win: BrowserWindowLike & { back(): void; forward(): void; entries: string[]; index(): number } = {
    location: {
      get pathname() {
        return new URL(entries[index], 'http://x').pathname;
      },
    },
    history: {
      pushState: (_d, _u, url) => {
        entries.splice(index + 1, entries.length, url);
        index += 1;
      },
      replaceState: (_d, _u, url) => {
        entries[index] = url;
      },
    },
    addEventListener: (_type, l) => (listener = l),
    removeEventListener: () => (listener = null),
    back() {
      index -= 1;
      listener?.();
    },
    forward() {
      index += 1;
      listener?.();
    },
    entries,
    index: () => index,
  };
  return win;
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  useUiStore.getState().setPage('home');
  useRunsUi.getState().showRun(null);
  useEndpointsUi.getState().select(null);
});

describe('startUrlSync', () => {
  it('applies the address at start, then adds history entries as the stores change', () => {
    const win = fakeWindow('/runs/r-1/steps/train');
    stop = startUrlSync(win);
    expect(useUiStore.getState().page).toBe('runs');
    expect(useRunsUi.getState()).toMatchObject({ openRunId: 'r-1', openStep: 'train' });

    useRunsUi.getState().showRun('r-2');
    useUiStore.getState().setPage('gpus');
    expect(win.entries).toEqual(['/runs/r-1/steps/train', '/runs/r-2', '/gpus']);

    win.back();
    expect(useUiStore.getState().page).toBe('runs');
    expect(useRunsUi.getState().openRunId).toBe('r-2');
    win.back();
    expect(useRunsUi.getState()).toMatchObject({ openRunId: 'r-1', openStep: 'train' });
    win.forward();
    expect(useRunsUi.getState()).toMatchObject({ openRunId: 'r-2', openStep: null });
    // Applying an address never adds an entry of its own.
    expect(win.entries).toHaveLength(3);
  });

  it('replaces the address when a page picks its first item by itself', () => {
    const win = fakeWindow('/endpoints');
    stop = startUrlSync(win);
    useEndpointsUi.getState().select('fraud');
    expect(win.entries).toEqual(['/endpoints/fraud']);
    useEndpointsUi.getState().select('iris');
    expect(win.entries).toEqual(['/endpoints/fraud', '/endpoints/iris']);
  });

  it('folds a hand-off (page, then its detail right after) into one history entry', () => {
    let clock = 0;
    const win = fakeWindow('/gpus');
    stop = startUrlSync(win, () => clock);
    useUiStore.getState().setPage('runs');
    clock += 100;
    useRunsUi.getState().showRun('r-9');
    expect(win.entries).toEqual(['/gpus', '/runs/r-9']);
    // A person's later click on a detail is a step of its own.
    useRunsUi.getState().showRun(null);
    clock += 5000;
    useRunsUi.getState().showRun('r-8');
    expect(win.entries).toEqual(['/gpus', '/runs/r-9', '/runs', '/runs/r-8']);
  });

  it('puts an address in its canonical form and keeps an unknown page', () => {
    const win = fakeWindow('/runs/');
    stop = startUrlSync(win);
    expect(win.entries).toEqual(['/runs']);
    stop();
    const other = fakeWindow('/no-such-page/x/y/z/w');
    stop = startUrlSync(other);
    expect(useUiStore.getState().page).toBe('no-such-page');
  });
});
