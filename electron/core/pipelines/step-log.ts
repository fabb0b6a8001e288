import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { open } from 'node:fs/promises';
import { FINAL_STEP_STATES } from '../../../shared/pipeline/run-model.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import type { PipelineService } from './service.ts';

const CHUNK = 64 * 1024;
/** How often a followed attempt that this process does not run is checked in the store (and its file read). */
const STORE_POLL_MS = 1_000;

/**
 * Sends an attempt's log file from the start (or from `offset`, a viewer resuming after a dropped
 * connection: each chunk carries its `end`); while the attempt is unfinished it follows the file
 * (fs.watch on its folder: the file may not exist yet when the stream opens) and ends once the
 * attempt is over and the file is read. The end comes from this process's events when it runs the
 * step; otherwise (another process runs it, or this one re-adopts it after a restart) from the
 * store, asked once a second.
 */
export async function streamStepLog(
  pipelines: PipelineService,
  input: { id: string; step: string; attempt?: number; follow: boolean; offset?: number },
  sink: StreamSink<{ attempt: number; text: string; end: number }>,
  signal: AbortSignal,
): Promise<void> {
  const runId = pipelines.resolveRunId(input.id);
  const step = pipelines.get(runId).steps.find((s) => s.name === input.step);
  const attempt = input.attempt === undefined ? step?.attempts.at(-1) : step?.attempts.find((a) => a.attempt === input.attempt);
  if (!step || !attempt) return;
  // Followed while the attempt is unfinished: run here (its events say when it ends), or by another
  // process or not yet re-adopted by this one after a restart (the store says when it ends).
  const following = input.follow && attempt.finishedAt === null;
  let offset = input.offset ?? 0;
  /** Reads from `offset` to the end of the file, each chunk cut at a whole UTF-8 character (the rest is read again next time; `final` decodes it anyway). */
  const readMore = async (final = false) => {
    const file = await open(attempt.logPath, 'r').catch(() => null);
    if (!file) return;
    try {
      const buffer = Buffer.alloc(CHUNK);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK, offset);
        if (bytesRead === 0) break;
        const whole = final && bytesRead < CHUNK ? bytesRead : wholeUtf8Length(buffer.subarray(0, bytesRead));
        if (whole === 0) break;
        offset += whole;
        const text = buffer.toString('utf8', 0, whole);
        if (text && !signal.aborted) sink.next({ attempt: attempt.attempt, text, end: offset });
      }
    } finally {
      await file.close();
    }
  };
  await readMore(!following);
  if (!following || signal.aborted) return;
  await new Promise<void>((resolve) => {
    let reading = Promise.resolve();
    const queueRead = () => (reading = reading.then(() => readMore()));
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
      if (event.type === 'run' && event.runId === runId && event.state !== 'running') finish();
    });
    // Another process may be running the attempt (or this one re-adopts it a moment later): ask the store.
    const poll = setInterval(() => {
      if (pipelines.isRunningHere(runId)) return;
      let now;
      try {
        now = pipelines.get(runId).steps.find((s) => s.name === input.step)?.attempts.find((a) => a.attempt === attempt.attempt);
      } catch {
        now = undefined;
      }
      if (!now || now.finishedAt !== null) finish();
      else queueRead();
    }, STORE_POLL_MS);
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      stop();
      watcher?.close();
      signal.removeEventListener('abort', finish);
      void (reading = reading.then(() => readMore(true))).then(() => resolve());
    }
    signal.addEventListener('abort', finish, { once: true });
    queueRead();
  });
}

/** The length of `bytes` up to the last whole UTF-8 character (a character cut at the end is left for the next read). */
export function wholeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let i = length - 1; i >= Math.max(0, length - 4); i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + size > length ? i : length;
  }
  return length;
}
