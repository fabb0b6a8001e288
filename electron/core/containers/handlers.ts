import type { containerMethods } from '../../../shared/api/methods/containers.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { streamContainerLogs } from '../logs/stream-logs.ts';
import { streamContainerChanges } from './changes.ts';
import type { ContainerService } from './service.ts';

export function createContainerHandlers(engine: EngineConnection, containers: ContainerService): HandlersFor<keyof typeof containerMethods> {
  return {
    'containers.list': ({ all }) => containers.list(all),
    'containers.start': async ({ id }) => {
      await containers.start(id);
      return { id };
    },
    'containers.stop': async ({ id, timeoutSeconds }) => {
      await containers.stop(id, timeoutSeconds);
      return { id };
    },
    'containers.restart': async ({ id }) => {
      await containers.restart(id);
      return { id };
    },
    'containers.remove': async ({ id, force, volumes }) => {
      await containers.remove(id, { force, volumes });
      return { id };
    },
    'containers.changes': (_input, sink, signal) => streamContainerChanges(containers, engine.events, sink, signal),
    'containers.logs': async (input, sink, signal) => streamContainerLogs(await engine.client(), input, sink, signal),
  };
}
