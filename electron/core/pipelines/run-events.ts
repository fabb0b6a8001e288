import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { PipelineService } from './service.ts';

/**
 * For one run: its step states now (as events), then each change until the run ends. A run owned
 * by another process is shown as it stands and the stream ends. Without an id: every change of
 * every run until aborted: this process's, and those other processes (the CLI, `benchtop scheduler`) write to the store.
 */
export async function streamRunEvents(pipelines: PipelineService, id: string | null, sink: StreamSink<RunEvent>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  if (id === null) {
    await new Promise<void>((resolve) => {
      const stop = pipelines.subscribeAll((event) => sink.next(event));
      signal.addEventListener('abort', () => (stop(), resolve()), { once: true });
    });
    return;
  }
  const runId = pipelines.resolveRunId(id);
  await new Promise<void>((resolve) => {
    const stop = pipelines.subscribe((event) => {
      if (event.runId !== runId) return;
      sink.next(event);
      if (event.type === 'run') finish();
    });
    const finish = () => {
      stop();
      signal.removeEventListener('abort', finish);
      resolve();
    };
    signal.addEventListener('abort', finish, { once: true });
    const detail = pipelines.get(runId);
    for (const step of detail.steps) {
      sink.next({ type: 'step', runId, step: step.name, state: step.state, attempt: step.attempts.at(-1)?.attempt ?? 0, message: step.message, at: step.finishedAt ?? step.startedAt ?? detail.createdAt });
    }
    if (detail.state !== 'running' || !pipelines.isRunningHere(runId)) {
      if (detail.state !== 'running') sink.next({ type: 'run', runId, state: detail.state, message: detail.message, at: detail.finishedAt ?? detail.createdAt });
      finish();
    }
  });
}
