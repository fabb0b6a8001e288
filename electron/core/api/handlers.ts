import { createContainerHandlers } from '../containers/handlers.ts';
import type { ContainerService } from '../containers/service.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { createEngineHandlers } from '../engine/handlers.ts';
import type { Store } from '../store/database.ts';
import { createAppHandlers } from './app-handlers.ts';
import type { Handlers } from './dispatcher.ts';

export interface HandlerDeps {
  engine: EngineConnection;
  containers: ContainerService;
  store: Store;
  home: string;
  transport: string;
}

/** Every contract method → its service call: one factory per area, each in its area's folder. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps),
    ...createEngineHandlers(deps.engine),
    ...createContainerHandlers(deps.engine, deps.containers),
  };
}
