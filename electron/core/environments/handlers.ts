import type { environmentMethods } from '../../../shared/api/methods/environments.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { HandlerDeps } from '../api/handlers.ts';

export function createEnvironmentHandlers(_deps: HandlerDeps): HandlersFor<keyof typeof environmentMethods> {
  return {};
}
