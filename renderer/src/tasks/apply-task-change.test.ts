import { describe, expect, it } from 'vitest';
import type { TaskChange, TaskInfo } from '../../../shared/domain/tasks.ts';
import { applyLiveListChange } from '../live/apply-live-list-change.ts';
import { liveTasks } from '../live/lists.ts';
import { endedNow } from './task-toasts.ts';

const applyTaskChange = (list: readonly TaskInfo[] | undefined, change: TaskChange) => applyLiveListChange(list, change, liveTasks) ?? [];

const task = (id: string, patch: Partial<TaskInfo> = {}): TaskInfo => ({
  id,
  kind: 'pull',
  title: `Pull ${id}`,
  state: 'running',
  progress: null,
  lines: [],
  error: null,
  startedAt: 1,
  endedAt: null,
  ...patch,
});

describe('task tray state', () => {
  it('keeps the newest first and patches in place', () => {
    let list = applyTaskChange(undefined, { type: 'snapshot', items: [task('a', { startedAt: 1 }), task('b', { startedAt: 2 })] });
    expect(list.map((t) => t.id)).toEqual(['b', 'a']);
    list = applyTaskChange(list, { type: 'upsert', item: task('a', { progress: 0.5 }) });
    expect(list[1].progress).toBe(0.5);
    list = applyTaskChange(list, { type: 'upsert', item: task('c') });
    expect(list[0].id).toBe('c');
  });
  it('a toast only for the change that ends a task', () => {
    expect(endedNow(task('a'), task('a', { state: 'failed' }))?.state).toBe('failed');
    expect(endedNow(undefined, task('a', { state: 'succeeded' }))?.state).toBe('succeeded');
    expect(endedNow(task('a', { state: 'failed' }), task('a', { state: 'failed' }))).toBeNull();
    expect(endedNow(undefined, task('a'))).toBeNull();
  });
});
