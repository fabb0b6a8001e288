import type { taskMethods } from '../../../shared/api/methods/tasks.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { streamTaskChanges } from './changes.ts';
import type { TaskRegistry } from './registry.ts';

export function createTaskHandlers(tasks: TaskRegistry): HandlersFor<keyof typeof taskMethods> {
  return {
    'tasks.list': async () => tasks.list(),
    'tasks.changes': (_input, sink, signal) => streamTaskChanges(tasks, sink, signal),
    'tasks.cancel': async ({ id }) => ({ id, cancelled: tasks.cancel(id) }),
  };
}
