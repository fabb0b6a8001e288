import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';

/** Folds one `tasks.changes` message into the cached list (newest first). */
export function applyTaskChange(list: readonly TaskInfo[] | undefined, change: TaskChange): TaskInfo[] {
  if (change.type === 'snapshot') return [...change.tasks].sort((a, b) => b.startedAt - a.startedAt);
  const current = list ?? [];
  const index = current.findIndex((t) => t.id === change.task.id);
  if (index === -1) return [change.task, ...current];
  const next = current.slice();
  next[index] = change.task;
  return next;
}

/** A task that just ended (the toast to show), or null. */
export function endedNow(previous: TaskInfo | undefined, next: TaskInfo): TaskInfo | null {
  if (next.state === 'running') return null;
  if (previous && previous.state !== 'running') return null;
  return next;
}
