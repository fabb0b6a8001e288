import type { workspaceMethods } from '../../../shared/api/methods/workspaces.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { HandlerDeps } from '../api/handlers.ts';

export function createWorkspaceHandlers(_deps: HandlerDeps): HandlersFor<keyof typeof workspaceMethods> {
  return {};
}
