import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';
import { useToasts } from '../notifications/toast-store.ts';

/** A task that just ended (the toast to show), or null. */
export function endedNow(previous: TaskInfo | undefined, next: TaskInfo): TaskInfo | null {
  if (next.state === 'running') return null;
  if (previous && previous.state !== 'running') return null;
  return next;
}

function toastText(task: TaskInfo): string {
  if (task.state === 'succeeded') return `${task.title}: done${task.lines.length ? `. ${task.lines[task.lines.length - 1]}` : ''}`;
  if (task.state === 'cancelled') return `${task.title}: cancelled`;
  return `${task.title} failed: ${task.error ?? 'no reason given'}`;
}

/** A toast when a `tasks.changes` message ends a task (the live tasks list calls this before folding it in). */
export function toastWhenTaskEnds(change: TaskChange, before: readonly TaskInfo[] | undefined): void {
  if (change.type !== 'upsert') return;
  const ended = endedNow(before?.find((t) => t.id === change.item.id), change.item);
  if (ended) useToasts.getState().show({ tone: ended.state === 'failed' ? 'error' : ended.state === 'succeeded' ? 'success' : 'info', text: toastText(ended) });
}
