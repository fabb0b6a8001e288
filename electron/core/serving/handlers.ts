import type { endpointMethods } from '../../../shared/api/methods/endpoints.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { exportEndpoint } from './endpoint-export.ts';
import type { ServingService } from './serving-service.ts';

/** Takes the part of HandlerDeps it needs (not HandlerDeps itself: api/handlers.ts imports this file). */
export function createServingHandlers(deps: { serving: ServingService; engine: EngineConnection }): HandlersFor<keyof typeof endpointMethods> {
  const serving = (): ServingService => deps.serving;
  return {
    'endpoints.list': async () => serving().list(),
    'endpoints.get': async ({ name, captures }) => ({ ...serving().get(name), captures: serving().recentCaptures(name, captures) }),
    'endpoints.serve': (input) => serving().serve(input),
    'endpoints.stop': ({ name }) => serving().stop(name),
    'endpoints.remove': ({ name }) => serving().remove(name),
    'endpoints.logs': async ({ name, tail }) => ({ text: await serving().logs(name, tail) }),
    'endpoints.invoke': ({ name, body, contentType }) => serving().invoke(name, body, contentType),
    'endpoints.export': async ({ name, format, dir }) => {
      const { row, plan, modelDir, serverPath } = await serving().servingFiles(name);
      const docker = await deps.engine.client();
      return exportEndpoint(docker, { name: row.name, hostPort: row.port, config: plan.config, image: row.image ?? '', modelDir, serverPath }, format, dir);
    },
  };
}
