import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import { FULL_LIST_THRESHOLD, LOOKUP_COALESCE_MS, runLiveList, type LiveListConnectionState } from '../live/live-list.ts';
import type { ContainerService } from './service.ts';

export interface ContainerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string };
  id?: string;
}

export type EventsStateChange = LiveListConnectionState;

export interface ContainerEventsSource {
  subscribe(listener: (event: ContainerEvent) => void, onState?: (state: EventsStateChange) => void): () => void;
}

/** Actions that never change what the list shows. */
const SILENT_ACTIONS = /^(exec_|attach|detach|resize|top|commit|copy|archive-path|extract-to-dir|export)/;

/**
 * The containers list, live (core/live/live-list.ts): a snapshot, then a lookup per container an
 * engine event named (one full list past 25 in a burst); `destroy` removes without a lookup.
 */
export function streamContainerChanges(
  service: ContainerService,
  events: ContainerEventsSource,
  sink: StreamSink<ContainerChange>,
  signal: AbortSignal,
): Promise<void> {
  const dirty = new Set<string>();
  /** Containers whose `die` was reported since their last lookup. */
  const exited = new Set<string>();
  return runLiveList<ContainerSummary>(
    {
      keyOf: (container) => container.id,
      coalesceMs: LOOKUP_COALESCE_MS,
      load: () => {
        dirty.clear();
        exited.clear();
        return service.list(true);
      },
      async refresh(list) {
        const ids = [...dirty];
        dirty.clear();
        if (ids.length === 0) return;
        if (ids.length > FULL_LIST_THRESHOLD) {
          list.replaceAll(await service.list(true));
          return;
        }
        for (const id of ids) {
          const container = await service.find(id, { afterExit: exited.delete(id) });
          if (list.signal.aborted) return;
          if (container) list.upsert(container);
          else list.remove(id);
        }
      },
      watch: (list, connection) =>
        events.subscribe((event) => {
          const id = event.Actor?.ID ?? event.id;
          if (event.Type !== 'container' || !id || SILENT_ACTIONS.test(event.Action ?? '')) return;
          if (event.Action === 'destroy') {
            dirty.delete(id);
            exited.delete(id);
            list.serially(() => list.remove(id));
            return;
          }
          if (event.Action === 'die') exited.add(id);
          dirty.add(id);
          list.schedule();
        }, connection),
    },
    sink,
    signal,
  );
}
