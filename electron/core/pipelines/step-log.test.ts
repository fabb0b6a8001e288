import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/pipeline/run-model.ts';
import type { PipelineService } from './service.ts';
import { streamStepLog } from './step-log.ts';

/** The parts of PipelineService the log stream reads, as plain objects (the executor is tested on the real engine elsewhere). */
function fakeRun(logPath: string) {
  const listeners = new Set<(event: RunEvent) => void>();
  const service = {
    resolveRunId: (id: string) => id,
    get: () => ({ steps: [{ name: 'train', attempts: [{ attempt: 1, logPath, finishedAt: null }] }] }),
    isRunningHere: () => true,
    subscribe: (listener: (event: RunEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (event: RunEvent) => listeners.forEach((listener) => listener(event));
  return { pipelines: service as unknown as PipelineService, emit };
}

describe('streamStepLog', () => {
  it('follows a log file that does not exist yet when the stream opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-step-log-'));
    const logPath = join(dir, 'log.txt');
    const { pipelines, emit } = fakeRun(logPath);
    const received: string[] = [];
    const done = streamStepLog(pipelines, { id: 'r1', step: 'train', follow: true }, { next: (chunk) => received.push(chunk.text), end: () => {} }, new AbortController().signal);

    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(logPath, 'epoch 1\n');
    await expect.poll(() => received.join(''), { timeout: 5000 }).toBe('epoch 1\n');
    appendFileSync(logPath, 'epoch 2\n');
    await expect.poll(() => received.join(''), { timeout: 5000 }).toBe('epoch 1\nepoch 2\n');

    emit({ type: 'step', runId: 'r1', step: 'train', state: 'succeeded' } as RunEvent);
    await done;
    expect(received.join('')).toBe('epoch 1\nepoch 2\n');
  });
});
