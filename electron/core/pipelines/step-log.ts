import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { open } from 'node:fs/promises';
import { FINAL_STEP_STATES } from '../../../shared/pipeline/run-model.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { PipelineService } from './service.ts';

const CHUNK = 64 * 1024;

/**
 * Sends an attempt's log file from the start; while the step runs in this process it follows the
 * file (fs.watch on its folder, no polling: the file may not exist yet when the stream opens) and
 * ends once the step's attempt is over and the file is read.
 */
export async function streamStepLog(
  pipelines: PipelineService,
  input: { id: string; step: string; attempt?: number; follow: boolean },
  sink: StreamSink<{ attempt: number; text: string }>,
  signal: AbortSignal,
): Promise<void> {
  const runId = pipelines.resolveRunId(input.id);
  const step = pipelines.get(runId).steps.find((s) => s.name === input.step);
  const attempt = input.attempt === undefined ? step?.attempts.at(-1) : step?.attempts.find((a) => a.attempt === input.attempt);
  if (!step || !attempt) return;
  const following = input.follow && pipelines.isRunningHere(runId) && attempt.finishedAt === null;
  let offset = 0;
  const decoder = new TextDecoder();
  const readMore = async () => {
    const file = await open(attempt.logPath, 'r').catch(() => null);
    if (!file) return;
    try {
      const buffer = Buffer.alloc(CHUNK);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        if (text && !signal.aborted) sink.next({ attempt: attempt.attempt, text });
      }
    } finally {
      await file.close();
    }
  };
  await readMore();
  if (!following || signal.aborted) return;
  await new Promise<void>((resolve) => {
    let reading = Promise.resolve();
    const queueRead = () => (reading = reading.then(readMore));
    const watcher = (() => {
      try {
        const name = basename(attempt.logPath);
        return watch(dirname(attempt.logPath), (_event, changed) => {
          if (changed === null || changed === name) queueRead();
        });
      } catch {
        return null;
      }
    })();
    const stop = pipelines.subscribe((event) => {
      if (event.type === 'step' && event.runId === runId && event.step === input.step && (FINAL_STEP_STATES.has(event.state) || event.state === 'retrying')) finish();
      if (event.type === 'run' && event.runId === runId) finish();
    });
    function finish() {
      stop();
      watcher?.close();
      signal.removeEventListener('abort', finish);
      void queueRead().then(() => resolve());
    }
    signal.addEventListener('abort', finish, { once: true });
    queueRead();
  });
}
