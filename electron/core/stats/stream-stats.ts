import type Docker from 'dockerode';
import type { StatsSample } from '../../../shared/domain/container-details.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import { createJsonLineParser } from '../engine/json-lines.ts';
import { toApiError } from '../engine/errors.ts';
import { toStatsSample, type EngineStats } from './stats-sample.ts';

/**
 * `containers.stats`: one GET /containers/{id}/stats?stream=true, the engine pushing an entry
 * about every second; each becomes a sample. Ends when the engine ends the stream (the container
 * stopped) or the signal aborts. The first sample arrives about two seconds in: the engine's first
 * entry has no previous CPU reading and is skipped.
 */
export async function streamContainerStats(docker: Docker, id: string, sink: StreamSink<StatsSample>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  let body: NodeJS.ReadableStream;
  try {
    body = await docker.getContainer(id).stats({ stream: true, abortSignal: signal } as { stream: true });
  } catch (error) {
    if (signal.aborted) return;
    throw toApiError(error, `read the stats of container ${id}`);
  }
  await new Promise<void>((resolve, reject) => {
    const parser = createJsonLineParser((value) => {
      const entry = value as EngineStats;
      // A stopped container reports an empty entry with no read time; it says nothing. The first
      // entry has no previous CPU reading, so its CPU % would read 0: skip it, like docker stats.
      if (!entry.read || entry.read.startsWith('0001-') || !entry.precpu_stats?.system_cpu_usage) return;
      sink.next(toStatsSample(entry));
    });
    const finish = () => {
      signal.removeEventListener('abort', abort);
      parser.end();
      resolve();
    };
    const abort = () => {
      (body as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish();
    };
    signal.addEventListener('abort', abort, { once: true });
    body.on('data', (chunk: Buffer) => parser.push(chunk));
    body.on('end', finish);
    body.on('close', finish);
    body.on('error', (error: Error) => {
      if (signal.aborted) return finish();
      signal.removeEventListener('abort', abort);
      reject(toApiError(error, `read the stats of container ${id}`));
    });
  });
}
