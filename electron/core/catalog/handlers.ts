import type { catalogMethods } from '../../../shared/api/methods/catalog.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { HandlerDeps } from '../api/handlers.ts';

export function createCatalogHandlers(_deps: HandlerDeps): HandlersFor<keyof typeof catalogMethods> {
  return {};
}
