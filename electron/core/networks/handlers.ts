import type { networkMethods } from '../../../shared/api/methods/networks.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { onlyActions, streamLiveList } from '../live/engine-events-list.ts';
import type { NetworkService } from './service.ts';

/**
 * What can change the Networks list: networks made, removed, (dis)connected; containers made, started,
 * removed or renamed. A container's endpoint can be listed only after its start completes, which can
 * come after the network's connect event: the start event settles that race.
 */
const ignore = onlyActions({ network: ['create', 'destroy', 'connect', 'disconnect', 'remove'], container: ['create', 'start', 'destroy', 'rename'] });

export function createNetworkHandlers(engine: EngineConnection, networks: NetworkService): HandlersFor<keyof typeof networkMethods> {
  return {
    'networks.list': () => networks.list(),
    'networks.create': (request) => networks.create(request),
    'networks.remove': async ({ id }) => {
      await networks.remove(id);
      return { id };
    },
    'networks.changes': (_input, sink, signal) =>
      streamLiveList({ load: () => networks.list(), types: ['network', 'container'], ignore }, engine.events, sink, signal),
  };
}
