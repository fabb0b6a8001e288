import type { systemMethods } from '../../../shared/api/methods/system.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { SystemService } from './service.ts';

export function createSystemHandlers(system: SystemService): HandlersFor<keyof typeof systemMethods> {
  return {
    'system.df': () => system.df(),
    'system.prunePreview': ({ scope, labels }) => system.prunePreview(scope, labels),
    'system.prune': ({ scope, labels }) => system.prune(scope, labels),
  };
}
