import type { engineMethods } from '../../../shared/api/methods/engine.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from './connection.ts';

export function createEngineHandlers(engine: EngineConnection): HandlersFor<keyof typeof engineMethods> {
  return {
    'engine.status': () => engine.ensureConnected(),
    'engine.reconnect': () => engine.connect(),
  };
}
