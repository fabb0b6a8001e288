import type { exportMethods } from '../../../shared/api/methods/exports.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { HandlerDeps } from '../api/handlers.ts';

export function createExportHandlers(_deps: HandlerDeps): HandlersFor<keyof typeof exportMethods> {
  return {};
}
