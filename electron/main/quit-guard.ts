import type { Logger } from '../core/logging/logger.ts';
import type { PreventableEvent } from './navigation-guard.ts';

export interface QuitGuardOptions {
  /** Closes the core (database, engine streams, running work). */
  cleanup(): Promise<void>;
  /** `app.quit()`: called again once cleanup is over. */
  quit(): void;
  /** Quit anyway after this long. */
  timeoutMs?: number;
  log?: Logger;
}

/**
 * The `will-quit` listener: holds the first quit until cleanup finished (or timed out), then
 * quits for real. Quits requested meanwhile are held too; after cleanup every quit passes.
 */
export function createQuitGuard(options: QuitGuardOptions): (event: PreventableEvent) => void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        options.log?.warn('quit: cleanup took too long; quitting anyway');
        resolve();
      }, options.timeoutMs ?? 5000);
    });
    Promise.race([
      options.cleanup().catch((error: unknown) => options.log?.error(`quit: cleanup failed: ${error instanceof Error ? error.message : String(error)}`)),
      timeout,
    ]).then(() => {
      clearTimeout(timer);
      state = 'done';
      options.quit();
    });
  };
}
