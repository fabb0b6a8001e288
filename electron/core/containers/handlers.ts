import type { containerMethods } from '../../../shared/api/methods/containers.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { followContainerLogs } from '../logs/follow-across-outages.ts';
import { ContainersMirror } from './containers-mirror.ts';
import type { ContainerService } from './service.ts';

/** `engineWaitMs`: how long a followed log waits for the engine to come back (the engine-wait setting). */
export function createContainerHandlers(
  engine: EngineConnection,
  containers: ContainerService,
  engineWaitMs: () => number = () => 10 * 60_000,
): HandlersFor<keyof typeof containerMethods> {
  const follow = { docker: () => engine.client(), waitMs: engineWaitMs };
  // One live copy of the list per core, shared by the list call and every changes stream.
  const mirror = new ContainersMirror(containers, engine.events);
  return {
    'containers.list': ({ all }) => (all ? mirror.list() : containers.list(false)),
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
    'containers.changes': (_input, sink, signal) => mirror.subscribe(sink, signal),
    'containers.logs': (input, sink, signal) => followContainerLogs(follow, input, sink, signal),
  };
}
