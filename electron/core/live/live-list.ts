import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { StreamSink } from '../api/dispatcher.ts';

/** What the engine's event stream says about itself (`EngineEvents` states, or a stand-in's). */
export interface LiveListConnectionState {
  state: 'connected' | 'disconnected';
  retryInMs?: number;
  message?: string;
}

/** What a list's source uses to patch the list it watches. Every send goes through here. */
export interface LiveListWriter<T> {
  /** Sends `upsert` when the item is new or differs from what was last sent for its key. */
  upsert(item: T): void;
  /** Sends `remove` when the key was sent before. */
  remove(key: string): void;
  /** Makes the client's list equal `items`: removes what is gone, upserts what changed. */
  replaceAll(items: readonly T[]): void;
  /** What the client holds now, by key. */
  readonly sent: ReadonlyMap<string, T>;
  /** Runs the source's `refresh` after the coalescing delay: a burst of changes costs one refresh. */
  schedule(): void;
  /** Queues work behind what is queued (snapshots, refreshes); a throw ends the stream with it. */
  serially(work: () => void | Promise<void>): void;
  readonly signal: AbortSignal;
}

/** How long a list that looks items up one by one waits for the rest of a burst of events (ms). */
export const LOOKUP_COALESCE_MS = 25;
/** Past this many changed items in one burst, one full list is cheaper than a lookup each. */
export const FULL_LIST_THRESHOLD = 25;

/** One live list: where its items come from and what changes them. */
export interface LiveListSource<T> {
  /** The item's key on the wire (`remove` carries it). */
  keyOf(item: T): string;
  /**
   * The whole list: the first snapshot, and again after the change feed reconnects. When it answers
   * synchronously the first snapshot is sent before `runLiveList` returns its promise.
   */
  load(): Promise<T[]> | T[];
  /** What a scheduled refresh does; by default `replaceAll(await load())`. */
  refresh?(list: LiveListWriter<T>): Promise<void>;
  /** How long a refresh waits for more changes (ms). */
  coalesceMs: number;
  /**
   * Starts watching what changes the items (engine events, a registry) and returns how to stop.
   * `connection` is told when that feed drops and comes back: the client is told, then gets a
   * fresh snapshot.
   */
  watch(list: LiveListWriter<T>, connection: (state: LiveListConnectionState) => void): () => void;
}

/**
 * The one live-list engine of the core: a snapshot, then patches (`upsert`, `remove`) driven by
 * the source's change feed, `disconnected` while that feed is down and a fresh snapshot once it is
 * back. An unchanged item is never re-sent. Never polls: without changes, nothing is listed.
 * Runs until the signal aborts; a failing load or refresh ends the stream with its error.
 */
export async function runLiveList<T>(source: LiveListSource<T>, sink: StreamSink<LiveListChange<T>>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const sent = new Map<string, T>();
  const sentJson = new Map<string, string>();
  let needsSnapshot = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const remember = (key: string, item: T, json: string) => {
    sent.set(key, item);
    sentJson.set(key, json);
  };
  const writer: LiveListWriter<T> = {
    sent,
    signal,
    upsert(item) {
      const key = source.keyOf(item);
      const json = JSON.stringify(item);
      if (sentJson.get(key) === json) return;
      remember(key, item, json);
      sink.next({ type: 'upsert', item });
    },
    remove(key) {
      if (!sent.delete(key)) return;
      sentJson.delete(key);
      sink.next({ type: 'remove', key });
    },
    replaceAll(items) {
      const current = new Set<string>();
      for (const item of items) {
        current.add(source.keyOf(item));
        writer.upsert(item);
      }
      for (const key of [...sent.keys()]) if (!current.has(key)) writer.remove(key);
    },
    schedule() {
      if (timer !== null || signal.aborted) return;
      timer = setTimeout(() => writer.serially(flush), source.coalesceMs);
    },
    serially(work) {
      queue = queue.then(work).catch((error: unknown) => {
        failure = error;
        finish();
      });
    },
  };

  const sendSnapshot = (items: T[]) => {
    if (signal.aborted) return;
    sent.clear();
    sentJson.clear();
    for (const item of items) remember(source.keyOf(item), item, JSON.stringify(item));
    sink.next({ type: 'snapshot', items });
  };
  const snapshot = async () => sendSnapshot(await source.load());

  async function flush() {
    timer = null;
    if (signal.aborted) return;
    if (needsSnapshot) {
      needsSnapshot = false;
      await snapshot();
      return;
    }
    if (source.refresh) await source.refresh(writer);
    else {
      const items = await source.load();
      if (!signal.aborted) writer.replaceAll(items);
    }
  }

  let sawDisconnect = false;
  const unwatch = source.watch(writer, (state) => {
    if (state.state === 'disconnected') {
      sawDisconnect = true;
      sink.next({ type: 'disconnected', message: state.message ?? 'The engine event stream dropped.', retryInMs: state.retryInMs ?? 0 });
    } else if (sawDisconnect) {
      sawDisconnect = false;
      needsSnapshot = true;
      writer.schedule();
    }
  });

  signal.addEventListener('abort', () => finish(), { once: true });
  // A source that lists synchronously (a registry in memory) gets its snapshot out before this
  // call returns, so that it may send patches straight away; others go through the queue.
  const first = source.load();
  if (first instanceof Promise) writer.serially(async () => sendSnapshot(await first));
  else sendSnapshot(first);
  try {
    await finished;
  } finally {
    unwatch();
    if (timer !== null) clearTimeout(timer);
  }
  if (failure && !signal.aborted) throw failure;
}
