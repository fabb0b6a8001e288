import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { ContainerService } from './service.ts';

export interface ContainerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string };
  id?: string;
}

export interface EventsStateChange {
  state: 'connected' | 'disconnected';
  retryInMs?: number;
  message?: string;
}

export interface ContainerEventsSource {
  subscribe(listener: (event: ContainerEvent) => void, onState?: (state: EventsStateChange) => void): () => void;
}

/** Actions that never change what the list shows. */
const SILENT_ACTIONS = /^(exec_|attach|detach|resize|top|commit|copy|archive-path|extract-to-dir|export)/;
/** Past this many changed containers in one burst, one full list is cheaper than a lookup each. */
const FULL_LIST_THRESHOLD = 25;
const COALESCE_MS = 25;

/**
 * Pushes a snapshot, then patches driven by the engine's event stream; a fresh snapshot after
 * every reconnect of that stream. Never polls. Runs until the signal aborts.
 */
export async function streamContainerChanges(
  service: ContainerService,
  events: ContainerEventsSource,
  sink: StreamSink<ContainerChange>,
  signal: AbortSignal,
): Promise<void> {
  const known = new Map<string, ContainerSummary>();
  const dirty = new Set<string>();
  let needsSnapshot = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  const serially = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      failure = error;
      finish();
    });
  };

  const snapshot = async () => {
    const containers = await service.list(true);
    if (signal.aborted) return;
    known.clear();
    for (const container of containers) known.set(container.id, container);
    sink.next({ type: 'snapshot', containers });
  };

  const emitUpsert = (container: ContainerSummary) => {
    const previous = known.get(container.id);
    if (previous && JSON.stringify(previous) === JSON.stringify(container)) return;
    known.set(container.id, container);
    sink.next({ type: 'upsert', container });
  };
  const emitRemove = (id: string) => {
    if (!known.delete(id)) return;
    sink.next({ type: 'remove', id });
  };

  const flush = async () => {
    timer = null;
    if (signal.aborted) return;
    if (needsSnapshot) {
      needsSnapshot = false;
      dirty.clear();
      await snapshot();
      return;
    }
    const ids = [...dirty];
    dirty.clear();
    if (ids.length === 0) return;
    if (ids.length > FULL_LIST_THRESHOLD) {
      const current = new Map((await service.list(true)).map((c) => [c.id, c] as const));
      for (const id of [...known.keys()]) if (!current.has(id)) emitRemove(id);
      for (const container of current.values()) emitUpsert(container);
      return;
    }
    for (const id of ids) {
      const container = await service.find(id);
      if (signal.aborted) return;
      if (container) emitUpsert(container);
      else emitRemove(id);
    }
  };

  const schedule = () => {
    if (timer === null) timer = setTimeout(() => serially(flush), COALESCE_MS);
  };

  let sawDisconnect = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const unsubscribe = events.subscribe(
    (event) => {
      const id = event.Actor?.ID ?? event.id;
      if (event.Type !== 'container' || !id || SILENT_ACTIONS.test(event.Action ?? '')) return;
      if (event.Action === 'destroy') {
        dirty.delete(id);
        serially(async () => emitRemove(id));
        return;
      }
      dirty.add(id);
      schedule();
    },
    (change) => {
      if (change.state === 'disconnected') {
        sawDisconnect = true;
        sink.next({ type: 'disconnected', message: change.message ?? 'The engine event stream dropped.', retryInMs: change.retryInMs ?? 0 });
      } else if (sawDisconnect) {
        sawDisconnect = false;
        needsSnapshot = true;
        schedule();
      }
    },
  );

  signal.addEventListener('abort', () => finish(), { once: true });
  serially(snapshot);
  try {
    await finished;
  } finally {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  }
  if (failure && !signal.aborted) throw failure;
}
