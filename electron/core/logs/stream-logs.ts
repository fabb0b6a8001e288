import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { StreamSink } from '../api/dispatcher.ts';
import type { LogBatch } from '../../../shared/domain/logs.ts';
import { logsEngineError } from './engine-error.ts';
import { engineSocketPath, openEngineGetStream } from './engine-get-stream.ts';
import { readJsonFileLog } from './json-file-log.ts';
import { LogBatcher } from './log-batcher.ts';
import { LogDecoder } from './log-decoder.ts';

export interface ContainerLogsInput {
  /** Container name or ID. */
  id: string;
  /** Lines from the end of the history, or the whole history. */
  tail: number | 'all';
  /** Keep the stream open for new lines until the container stops. */
  follow: boolean;
  timestamps: boolean;
  /** The engine's `since` (`SECONDS.NANOSECONDS`, inclusive): resume after a break. */
  since?: string;
}

export interface StreamLogsOptions {
  /** Read a history from the engine's json-file log when this process can (default true). */
  logFile?: boolean;
}

/**
 * Streams a container's log as batches of lines. Resolves when the log ends (the history was
 * read, or with `follow` the container stopped) and as soon as `signal` aborts, after destroying
 * the HTTP response. Rejects with an ApiError (`not_found` for an unknown container).
 *
 * A history read (no `follow`, no `since`) of a json-file log on an engine reached through a local
 * socket reads the engine's file when this process may (`json-file-log.ts`), with the same lines.
 */
export async function streamContainerLogs(
  docker: Dockerode,
  input: ContainerLogsInput,
  sink: StreamSink<LogBatch>,
  signal: AbortSignal,
  options: StreamLogsOptions = {},
): Promise<void> {
  if (signal.aborted) return;
  let response: Readable;
  let tty: boolean;
  const batcher = new LogBatcher((batch) => sink.next(batch));
  try {
    const info = await docker.getContainer(input.id).inspect({ abortSignal: signal });
    tty = info.Config?.Tty === true;
    // Over a Unix socket or named pipe the engine's files may be this machine's; over TCP or SSH they are not.
    if ((options.logFile ?? true) && !input.follow && !input.since && info.HostConfig?.LogConfig?.Type === 'json-file' && info.LogPath && engineSocketPath(docker) !== null) {
      const decoder = new LogDecoder({ tty, timestamps: input.timestamps });
      if (await readJsonFileLog({ path: info.LogPath, tail: input.tail, timestamps: input.timestamps, tty }, decoder, batcher, signal)) return;
    }
    response = await openLogResponse(docker, info.Id, input, signal);
  } catch (error) {
    if (signal.aborted) return;
    throw logsEngineError(error, input.id);
  }
  if (signal.aborted) {
    response.destroy();
    return;
  }
  await pump(response, new LogDecoder({ tty, timestamps: input.timestamps }), batcher, input.id, signal);
}

function openLogResponse(docker: Dockerode, containerId: string, input: ContainerLogsInput, signal: AbortSignal): Promise<Readable> {
  const query = {
    stdout: '1',
    stderr: '1',
    follow: input.follow ? '1' : '0',
    timestamps: input.timestamps ? '1' : '0',
    tail: String(input.tail),
    ...(input.since ? { since: input.since } : {}),
  };
  return openEngineGetStream(docker, `/containers/${encodeURIComponent(containerId)}/logs`, query, signal);
}

function pump(response: Readable, decoder: LogDecoder, batcher: LogBatcher, containerRef: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined || signal.aborted) resolve();
      else reject(logsEngineError(error, containerRef));
    };
    const onAbort = () => {
      batcher.discard();
      response.destroy();
      settle();
    };
    signal.addEventListener('abort', onAbort, { once: true });

    response.on('data', (chunk: Buffer) => {
      decoder.push(chunk, batcher.lines);
      batcher.settle();
    });
    response.on('end', () => {
      decoder.end(batcher.lines);
      batcher.flush();
      settle();
    });
    response.on('error', (error) => {
      batcher.discard();
      settle(error);
    });
    response.on('close', () => {
      if (settled) return;
      batcher.discard();
      settle(new Error('the engine closed the log stream before it ended'));
    });
  });
}
