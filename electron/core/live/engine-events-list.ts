import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { DockerEvent, DockerEventType, EventsState } from '../engine/events.ts';
import { runLiveList } from './live-list.ts';

export interface LiveListEvents {
  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter?: { types?: readonly DockerEventType[] }): () => void;
}

export interface RelistOptions<T> {
  /** The whole list, as the page shows it. */
  load(): Promise<T[]>;
  /** Engine event types that can change an item. */
  types: readonly DockerEventType[];
  /** Events that change nothing the list shows (see onlyActions); defaults to none. */
  ignore?(event: DockerEvent): boolean;
  coalesceMs?: number;
}

/**
 * A live list of small collections keyed by `key` (volumes, networks): on any relevant engine event
 * the whole list is read again (a burst is one read) and only what changed is sent.
 */
export function streamLiveList<T extends { key: string }>(
  options: RelistOptions<T>,
  events: LiveListEvents,
  sink: StreamSink<LiveListChange<T>>,
  signal: AbortSignal,
): Promise<void> {
  return runLiveList(
    {
      keyOf: (item) => item.key,
      load: options.load,
      coalesceMs: options.coalesceMs ?? 150,
      watch: (list, connection) =>
        events.subscribe(
          (event) => {
            if (!options.ignore?.(event)) list.schedule();
          },
          connection,
          { types: options.types },
        ),
    },
    sink,
    signal,
  );
}

/**
 * Keeps only the events in `relevant` (type → actions): a list of volumes or networks changes on
 * create/destroy, not on the dozens of mount, attach, start and exec events a busy engine emits.
 */
export function onlyActions(relevant: Partial<Record<DockerEventType, readonly string[]>>): (event: DockerEvent) => boolean {
  return (event) => !(relevant[event.Type] ?? []).includes(event.Action);
}
