import type { mlflowMethods } from '../../../../shared/api/methods/mlflow.ts';
import type { HandlersFor } from '../../api/dispatcher.ts';
import type { Store } from '../../store/database.ts';
import { runAsTask, type TaskRegistry } from '../../tasks/registry.ts';
import type { CatalogStore } from '../catalog-store.ts';
import { exportMlflow } from './export.ts';
import { importMlflow } from './import.ts';

/** What the MLflow handlers use of HandlerDeps (declared here so this file does not import the registry back). */
export interface MlflowHandlerDeps {
  store: Store;
  tasks: TaskRegistry;
  catalog: { models: CatalogStore };
}

/** mlflow.import / mlflow.export: streams of progress that end with a summary; each is a task in the tray. */
export function createMlflowHandlers(deps: MlflowHandlerDeps): HandlersFor<keyof typeof mlflowMethods> {
  // One import or export at a time: two imports of one source would race on the same new versions.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    'mlflow.import': async ({ path }, sink, signal) => {
      await runAsTask(
        deps.tasks,
        { kind: 'mlflow-import', title: `Import MLflow ${path}`, signal },
        async (task) => {
          const summary = await oneAtATime(() => importMlflow(deps.store, deps.catalog.models, path, {
            signal: task.signal,
            onProgress: (phase, done, total) => {
              task.progress(total > 0 ? done / total : null);
              if (phase !== 'done') sink.next({ phase, done, total, summary: null });
            },
          }));
          sink.next({ phase: 'done', done: 1, total: 1, summary });
          return summary;
        },
        (s) => `Imported ${s.runs.added} new runs, ${s.versions.added} new model versions (${s.runs.unchanged + s.versions.unchanged} unchanged)`,
      );
    },
    'mlflow.export': async ({ dir }, sink, signal) => {
      await runAsTask(
        deps.tasks,
        { kind: 'mlflow-export', title: `Export MLflow to ${dir}`, signal },
        async (task) => {
          const summary = await oneAtATime(() => exportMlflow(deps.store, deps.catalog.models, dir, {
            signal: task.signal,
            onProgress: (done, total) => {
              task.progress(total > 0 ? done / total : null);
              sink.next({ done, total, summary: null });
            },
          }));
          sink.next({ done: 1, total: 1, summary });
          return summary;
        },
        (s) => `Exported ${s.runs} runs and ${s.versions} model versions to ${s.target}`,
      );
    },
  };
}
