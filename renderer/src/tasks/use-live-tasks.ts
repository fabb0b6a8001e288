import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { TaskInfo } from '../../../shared/domain/tasks.ts';
import { useApiClient } from '../api/api-context.tsx';
import { applyTaskChange, endedNow } from './apply-task-change.ts';
import { useToasts } from '../notifications/toast-store.ts';

export const TASKS_KEY = ['tasks.list', {}] as const;

function toastText(task: TaskInfo): string {
  if (task.state === 'succeeded') return `${task.title}: done${task.lines.length ? `. ${task.lines[task.lines.length - 1]}` : ''}`;
  if (task.state === 'cancelled') return `${task.title}: cancelled`;
  return `${task.title} failed: ${task.error ?? 'no reason given'}`;
}

/** Every task of the core, live through `tasks.changes`; a toast when one ends. */
export function useLiveTasks(): TaskInfo[] {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: TASKS_KEY, queryFn: () => api.call('tasks.list', {}), staleTime: Infinity });

  useEffect(() => {
    let closed = false;
    let close: () => void = () => {};
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      close = api.subscribe(
        'tasks.changes',
        {},
        (change) => {
          if (change.type === 'upsert') {
            const previous = queryClient.getQueryData<TaskInfo[]>(TASKS_KEY)?.find((t) => t.id === change.task.id);
            const ended = endedNow(previous, change.task);
            if (ended) useToasts.getState().show({ tone: ended.state === 'failed' ? 'error' : ended.state === 'succeeded' ? 'success' : 'info', text: toastText(ended) });
          }
          queryClient.setQueryData<TaskInfo[]>(TASKS_KEY, (old) => applyTaskChange(old, change));
        },
        () => {
          if (!closed) reopenTimer = setTimeout(open, 3000);
        },
      );
    };
    open();
    return () => {
      closed = true;
      if (reopenTimer !== null) clearTimeout(reopenTimer);
      close();
    };
  }, [api, queryClient]);

  return query.data ?? [];
}
