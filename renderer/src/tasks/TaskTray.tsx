import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TaskInfo } from '../../../shared/domain/tasks.ts';
import { useApiClient } from '../api/api-context.tsx';
import { liveTasks } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useDismiss } from '../ui/use-dismiss.ts';

const NO_TASKS: TaskInfo[] = [];
const STATE_TEXT: Record<TaskInfo['state'], string> = { running: 'Running', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** The header's "Tasks" button with the count of running work, and its panel. */
export function TaskTray() {
  const tasks = useLiveList(liveTasks).items ?? NO_TASKS;
  const [open, setOpen] = useState(false);
  const running = tasks.filter((t) => t.state === 'running').length;
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The panel belongs to the moment it was opened: a page change closes it.
  const page = useUiStore((s) => s.page);
  useEffect(() => setOpen(false), [page]);
  return (
    <div className="task-tray">
      <button ref={buttonRef} type="button" className={`button button-small tasks-button${running ? ' tasks-busy' : ''}`} aria-label="Tasks" aria-describedby="tasks-count" aria-expanded={open} onClick={() => setOpen(!open)}>
        Tasks{' '}
        <span id="tasks-count" className="tasks-count">
          {running > 0 ? `${running} running` : tasks.length > 0 ? 'none running' : ''}
        </span>
      </button>
      {open && <TaskPanel tasks={tasks} toggle={buttonRef} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** The open panel: Escape, a press outside it (but not on its own button) or a page change close it. */
function TaskPanel({ tasks, toggle, onClose }: { tasks: TaskInfo[]; toggle: RefObject<HTMLButtonElement | null>; onClose(): void }) {
  const api = useApiClient();
  const ref = useRef<HTMLElement>(null);
  useDismiss(ref, onClose, { outsidePress: true, alsoInside: [toggle] });
  return (
    <section ref={ref} className="task-panel" aria-label="Tasks panel">
      <div className="task-panel-header">
        <h2>Tasks</h2>
        <button type="button" className="button button-small button-ghost" aria-label="Close tasks" onClick={onClose}>
          ×
        </button>
      </div>
      {tasks.length === 0 ? (
        <p className="muted task-empty">Nothing yet. Pulls, builds and prunes show up here while they run.</p>
      ) : (
        <ul className="task-list">
          {tasks.map((task) => (
            <li key={task.id} className={`task task-${task.state}`} aria-label={task.title}>
              <div className="task-line">
                <span className="task-title" title={task.title}>
                  {task.title}
                </span>
                <span className={`badge badge-task-${task.state}`}>{STATE_TEXT[task.state]}</span>
                {task.state === 'running' && (
                  <button type="button" className="button button-small" aria-label={`Cancel ${task.title}`} onClick={() => void api.call('tasks.cancel', { id: task.id })}>
                    Cancel
                  </button>
                )}
              </div>
              {task.state === 'running' && (
                <progress className="progress-bar" max={1} value={task.progress ?? undefined} aria-label={`Progress of ${task.title}`} />
              )}
              {task.error ? <div className="task-detail task-error">{task.error}</div> : task.lines.length > 0 && <div className="task-detail">{task.lines[task.lines.length - 1]}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
