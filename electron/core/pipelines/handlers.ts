import type { pipelineMethods } from '../../../shared/api/methods/pipelines.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { readPipelineFile } from './pipeline-file.ts';
import { streamRunEvents } from './run-events.ts';
import { streamStepLog } from './step-log.ts';
import type { PipelineService } from './service.ts';

export function createPipelineHandlers(pipelines: PipelineService): HandlersFor<keyof typeof pipelineMethods> {
  return {
    'pipelines.validate': async ({ text }) => {
      const result = pipelines.validate(text);
      return result.ok
        ? { valid: true, name: result.spec.metadata.name, steps: Object.keys(result.spec.steps), problems: [] }
        : { valid: false, name: null, steps: [], problems: result.problems };
    },
    'pipelines.readFile': ({ file }) => readPipelineFile(file),
    'pipelines.run': async ({ text, file, params, noCache, detach, name }) => {
      const { runId, done } = pipelines.startRun({ text, file: file ?? null, params, useCache: !noCache, detached: detach, name });
      // The run goes on after the call returns; its end is recorded in the store.
      done?.catch(() => undefined);
      return { runId };
    },
    'runs.list': async ({ limit, ...filter }) => pipelines.list(limit, filter),
    'runs.pipelines': async () => pipelines.runs.pipelineNames(),
    'runs.compare': async ({ ids }) => pipelines.compare(ids),
    'runs.get': async ({ id }) => pipelines.get(id),
    'runs.cancel': ({ id }) => pipelines.cancel(id),
    'runs.rename': async ({ id, name }) => pipelines.rename(id, name),
    'runs.retry': async ({ id, failed, from }) => {
      const { runId, done } = pipelines.retry(id, from ? { kind: 'from', step: from } : failed ? { kind: 'failed' } : { kind: 'all' });
      done?.catch(() => undefined);
      return { runId };
    },
    'runs.resume': async ({ id }) => {
      const taken = await pipelines.recover(id === undefined ? undefined : pipelines.resolveRunId(id));
      for (const { done } of taken) done.catch(() => undefined);
      return { runIds: taken.map((t) => t.runId) };
    },
    'schedules.list': () => pipelines.scheduler.list(),
    'schedules.ticks': ({ pipeline, next, from, to }) =>
      pipelines.scheduler.ticks(pipeline, next, from && to ? { from: new Date(from), to: new Date(to) } : undefined),
    'schedules.enable': ({ file }) => pipelines.scheduler.enable(file),
    'schedules.disable': async ({ pipeline }) => {
      pipelines.scheduler.disable(pipeline);
      return { pipeline };
    },
    'schedules.backfill': async ({ pipeline, from, to, parallel }) => ({ runIds: await pipelines.scheduler.backfill(pipeline, new Date(from), new Date(to), parallel) }),
    'schedules.follow': async (_input, sink, signal) => {
      const stop = pipelines.scheduler.onEvent((event) => sink.next(event));
      const startedHere = !pipelines.scheduler.running;
      try {
        if (startedHere) await pipelines.scheduler.start();
        await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      } finally {
        stop();
        if (startedHere) pipelines.scheduler.stop();
      }
    },
    'runs.events': (input, sink, signal) => streamRunEvents(pipelines, input.id ?? null, sink, signal),
    'runs.logs': (input, sink, signal) => {
      if (!pipelines.get(input.id).steps.some((s) => s.name === input.step)) {
        throw new ApiError('not_found', `Run ${input.id} has no step "${input.step}": see its steps with benchtop runs show ${input.id}.`);
      }
      return streamStepLog(pipelines, input, sink, signal);
    },
  };
}
