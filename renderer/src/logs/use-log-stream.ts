import { useEffect, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { LineBuffer } from '../../../shared/logs/line-buffer.ts';
import { useApiClient } from '../api/api-context.tsx';
import { followContainerLog } from './follow-container-log.ts';

/** The most lines the viewer keeps; older ones drop off the front. */
export const LOG_BUFFER_CAPACITY = 50_000;
/** What the viewer asks for: the recent tail, then follows; never the whole history. */
export const LOG_VIEW_TAIL = 1000;

export type LogStreamStatus =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; message: string }
  | { kind: 'ended' }
  | { kind: 'failed'; message: string };

export interface LogStream {
  buffer: LineBuffer<LogLine>;
  /** Bumps at most once per animation frame when lines arrived. */
  revision: number;
  status: LogStreamStatus;
}

/**
 * Follows one container's log into a bounded ring buffer. Batches from the stream are appended as
 * they come; React hears about them once per animation frame. After a reconnect the stream resumes
 * from the last line shown (follow-container-log.ts). Changing `timestamps` re-opens the stream (the
 * buffer starts over).
 */
export function useLogStream(containerId: string, timestamps: boolean): LogStream {
  const api = useApiClient();
  const bufferRef = useRef<LineBuffer<LogLine> | null>(null);
  bufferRef.current ??= new LineBuffer<LogLine>(LOG_BUFFER_CAPACITY);
  const buffer = bufferRef.current;
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState<LogStreamStatus>({ kind: 'connecting' });

  useEffect(() => {
    let frame: number | null = null;
    let active = true;
    const publish = () => {
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        if (active) setRevision(buffer.revision);
      });
    };

    buffer.clear();
    publish();
    setStatus({ kind: 'connecting' });
    const close = followContainerLog(
      api,
      { id: containerId, tail: LOG_VIEW_TAIL, timestamps },
      {
        onLines: (lines) => {
          buffer.append(lines);
          setStatus((old) => (old.kind === 'live' ? old : { kind: 'live' }));
          publish();
        },
        onEnd: (error) => {
          if (!active) return;
          setStatus(error ? { kind: 'failed', message: error.message } : { kind: 'ended' });
          publish();
        },
        onInterrupted: (info) => setStatus({ kind: 'reconnecting', message: info.message }),
        onRestart: () => {
          // Nothing had arrived to resume from: the re-opened stream sends the tail afresh.
          buffer.clear();
          publish();
        },
      },
    );
    return () => {
      active = false;
      if (frame !== null) cancelAnimationFrame(frame);
      close();
    };
  }, [api, buffer, containerId, timestamps]);

  return { buffer, revision, status };
}
