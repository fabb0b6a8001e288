import type { EngineEvents } from './events.ts';

/**
 * Calls `listener` each time the engine comes back after it went away: the shared /events stream
 * (which reopens with backoff by itself) says `connected` again after a `disconnected`. The first
 * `connected` is not a return. This is the hook for what must be started again when the engine
 * returns (environments, model endpoints); pipeline runs handle outages themselves
 * (pipelines/engine-outage.ts). Returns the unsubscribe function.
 */
export function onEngineReturn(events: EngineEvents, listener: (downForMs: number) => void): () => void {
  let downSince: number | null = null;
  let seenConnected = false;
  return events.subscribe(
    () => undefined,
    (state) => {
      if (state.state === 'disconnected') {
        downSince ??= Date.now();
        return;
      }
      if (seenConnected && downSince !== null) listener(Date.now() - downSince);
      seenConnected = true;
      downSince = null;
    },
  );
}
