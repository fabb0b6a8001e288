import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import { runLiveList } from '../live/live-list.ts';
import type { TaskRegistry } from './registry.ts';

/** Progress ticks of one task are coalesced to at most one message per this many ms. */
const COALESCE_MS = 100;

/**
 * Every task, live (core/live/live-list.ts): a snapshot, then each change pushed by the registry;
 * a task's state changes are sent at once, its progress ticks at most every 100 ms.
 */
export function streamTaskChanges(registry: TaskRegistry, sink: StreamSink<TaskChange>, signal: AbortSignal): Promise<void> {
  const pending = new Map<string, TaskInfo>();
  const lastState = new Map<string, TaskInfo['state']>();
  return runLiveList<TaskInfo>(
    {
      keyOf: (task) => task.id,
      coalesceMs: COALESCE_MS,
      load() {
        const tasks = registry.list();
        for (const task of tasks) lastState.set(task.id, task.state);
        return tasks;
      },
      async refresh(list) {
        for (const task of pending.values()) list.upsert(task);
        pending.clear();
      },
      watch: (list) =>
        registry.subscribe((task) => {
          pending.set(task.id, task);
          if (lastState.get(task.id) !== task.state) {
            lastState.set(task.id, task.state);
            for (const changed of pending.values()) list.upsert(changed);
            pending.clear();
          } else {
            list.schedule();
          }
        }),
    },
    sink,
    signal,
  );
}
