import { z } from 'zod';
import { liveListChangeSchema, type LiveListChange } from './live-list.ts';

export const taskStateSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type TaskState = z.infer<typeof taskStateSchema>;

/** One long operation (pull, build, prune…) as the task tray shows it. */
export const taskInfoSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: taskStateSchema,
  /** 0..1, or null while indeterminate. */
  progress: z.number().min(0).max(1).nullable(),
  /** The last few status lines, oldest first. */
  lines: z.array(z.string()),
  /** Why it failed, when it did. */
  error: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
});
export type TaskInfo = z.infer<typeof taskInfoSchema>;

/** What `tasks.changes` pushes: the one live-list shape (live-list.ts), keyed by task id. */
export const taskChangeSchema = liveListChangeSchema(taskInfoSchema);
export type TaskChange = LiveListChange<TaskInfo>;
