import type { environmentMethods } from '../../../shared/api/methods/environments.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EnvironmentService } from './service.ts';

/** Takes the HandlerDeps it needs (only the service), so this file does not import api/handlers.ts back. */
export function createEnvironmentHandlers(deps: { environments: EnvironmentService }): HandlersFor<keyof typeof environmentMethods> {
  const environments = deps.environments;
  return {
    'environments.list': () => environments.list(),
    'environments.templates': async () => environments.templates(),
    'environments.inspectFolder': async ({ folder }) => environments.inspectFolder(folder),
    'environments.up': async (input, sink, signal) => {
      await environments.up(input, (p) => sink.next(p), signal);
    },
    'environments.reproduce': async ({ lockFile, gpu }, sink, signal) => {
      await environments.reproduce(lockFile, gpu, (p) => sink.next(p), signal);
    },
    'environments.rebuild': async ({ id }, sink, signal) => {
      await environments.rebuild(id, (p) => sink.next(p), signal);
    },
    'environments.appHealth': async ({ id }, sink, signal) => {
      await new Promise<void>((resolve) => {
        const stop = environments.appHealth.watch(id, (apps) => sink.next(apps));
        const end = () => {
          stop();
          resolve();
        };
        if (signal.aborted) end();
        else signal.addEventListener('abort', end, { once: true });
      });
    },
    'environments.start': ({ id }) => environments.start(id),
    'environments.stop': ({ id }) => environments.stop(id),
    'environments.remove': async ({ id }) => ({ id, removed: await environments.remove(id) }),
    'environments.export': ({ id, format, file, overwrite }) => environments.exportTo(id, format, file, overwrite),
  };
}
