import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { TaskRegistry } from './registry.ts';

/** Progress ticks of one task are coalesced to at most one message per this many ms. */
const COALESCE_MS = 100;

/** A snapshot of every task, then each change; a task's state changes are sent at once. */
export async function streamTaskChanges(registry: TaskRegistry, sink: StreamSink<TaskChange>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  const pending = new Map<string, TaskInfo>();
  const lastState = new Map<string, TaskInfo['state']>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    for (const task of pending.values()) sink.next({ type: 'upsert', task });
    pending.clear();
  };
  const unsubscribe = registry.subscribe((task) => {
    pending.set(task.id, task);
    if (lastState.get(task.id) !== task.state) {
      lastState.set(task.id, task.state);
      if (timer !== null) clearTimeout(timer);
      flush();
    } else if (timer === null) {
      timer = setTimeout(flush, COALESCE_MS);
    }
  });
  const tasks = registry.list();
  for (const task of tasks) lastState.set(task.id, task.state);
  sink.next({ type: 'snapshot', tasks });
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  unsubscribe();
  if (timer !== null) clearTimeout(timer);
}
