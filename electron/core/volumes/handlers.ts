import type { volumeMethods } from '../../../shared/api/methods/volumes.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { onlyActions, streamLiveList } from '../live/engine-events-list.ts';
import type { VolumeService } from './service.ts';

/** What can change the Volumes list: volumes made or removed, containers (their mounts) made, removed or renamed. */
const ignore = onlyActions({ volume: ['create', 'destroy'], container: ['create', 'destroy', 'rename'] });

export function createVolumeHandlers(engine: EngineConnection, volumes: VolumeService): HandlersFor<keyof typeof volumeMethods> {
  return {
    'volumes.list': () => volumes.list(),
    'volumes.sizes': ({ names }) => volumes.sizes(names),
    'volumes.create': (request) => volumes.create(request),
    'volumes.remove': async ({ name, force }) => {
      await volumes.remove(name, force);
      return { name };
    },
    'volumes.changes': (_input, sink, signal) =>
      streamLiveList({ load: () => volumes.list(), types: ['volume', 'container'], ignore }, engine.events, sink, signal),
  };
}
