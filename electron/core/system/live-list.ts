import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { DockerEvent, DockerEventType, EventsState } from '../engine/events.ts';

export interface LiveListEvents {
  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter?: { types?: readonly DockerEventType[] }): () => void;
}

export interface LiveListOptions<T> {
  /** The whole list, as the page shows it. */
  load(): Promise<T[]>;
  /** Engine event types that can change an item. */
  types: readonly DockerEventType[];
  /** Events that change nothing the list shows (see onlyActions); defaults to none. */
  ignore?(event: DockerEvent): boolean;
  coalesceMs?: number;
}

/**
 * Pushes a snapshot, then upserts/removes computed by re-listing after engine events (a burst is
 * coalesced into one list) and diffing against what was sent; a fresh snapshot after the event
 * stream reconnects. Never polls: without events, nothing is listed. Runs until the signal aborts.
 */
export async function streamLiveList<T extends { key: string }>(
  options: LiveListOptions<T>,
  events: LiveListEvents,
  sink: StreamSink<LiveListChange<T>>,
  signal: AbortSignal,
): Promise<void> {
  const known = new Map<string, string>();
  const coalesceMs = options.coalesceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let needsSnapshot = true;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const refresh = async () => {
    timer = null;
    if (signal.aborted) return;
    const items = await options.load();
    if (signal.aborted) return;
    if (needsSnapshot) {
      needsSnapshot = false;
      known.clear();
      for (const item of items) known.set(item.key, JSON.stringify(item));
      sink.next({ type: 'snapshot', items });
      return;
    }
    const current = new Set<string>();
    for (const item of items) {
      current.add(item.key);
      const text = JSON.stringify(item);
      if (known.get(item.key) === text) continue;
      known.set(item.key, text);
      sink.next({ type: 'upsert', item });
    }
    for (const key of [...known.keys()]) {
      if (current.has(key)) continue;
      known.delete(key);
      sink.next({ type: 'remove', key });
    }
  };

  const schedule = () => {
    if (timer !== null || signal.aborted) return;
    timer = setTimeout(() => {
      queue = queue.then(refresh).catch((error: unknown) => {
        failure = error;
        finish();
      });
    }, coalesceMs);
  };

  let sawDisconnect = false;
  const unsubscribe = events.subscribe(
    (event) => {
      if (!options.ignore?.(event)) schedule();
    },
    (state) => {
      if (state.state === 'disconnected') {
        sawDisconnect = true;
        sink.next({ type: 'disconnected', message: state.message ?? 'The engine event stream dropped.', retryInMs: state.retryInMs ?? 0 });
      } else if (sawDisconnect) {
        sawDisconnect = false;
        needsSnapshot = true;
        schedule();
      }
    },
    { types: options.types },
  );

  signal.addEventListener('abort', () => finish(), { once: true });
  schedule();
  try {
    await finished;
  } finally {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  }
  if (failure && !signal.aborted) throw failure;
}

/**
 * Keeps only the events in `relevant` (type → actions): a list of volumes or networks changes on
 * create/destroy, not on the dozens of mount, attach, start and exec events a busy engine emits.
 */
export function onlyActions(relevant: Partial<Record<DockerEventType, readonly string[]>>): (event: DockerEvent) => boolean {
  return (event) => !(relevant[event.Type] ?? []).includes(event.Action);
}
