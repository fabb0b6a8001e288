import { platform } from 'node:os';
import { APP_VERSION } from '../app-version.ts';
import { streamContainerChanges } from '../containers/changes.ts';
import type { ContainerService } from '../containers/service.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { streamContainerLogs } from '../logs/stream-logs.ts';
import type { Store } from '../store/database.ts';
import type { Handlers } from './dispatcher.ts';

export interface HandlerDeps {
  engine: EngineConnection;
  containers: ContainerService;
  store: Store;
  home: string;
  transport: string;
}

/** Contract method → service call. Nothing else lives here. */
export function createHandlers({ engine, containers, store, home, transport }: HandlerDeps): Handlers {
  return {
    'app.info': async () => ({ version: APP_VERSION, dataDir: home, platform: platform(), transport }),
    'settings.get': async ({ key }) => ({ key, value: store.getSetting(key) }),
    'settings.set': async ({ key, value }) => {
      store.setSetting(key, value);
      return { key };
    },
    'engine.status': () => engine.ensureConnected(),
    'engine.reconnect': () => engine.connect(),
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
