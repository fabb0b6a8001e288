import { useEffect, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { LogInterleaver } from '../../../shared/logs/interleave.ts';
import { LineBuffer } from '../../../shared/logs/line-buffer.ts';
import { useApiClient } from '../api/api-context.tsx';
import { followContainerLog } from '../logs/follow-container-log.ts';

/** Lines of each container's history the merged view starts from. */
export const MERGED_LOG_TAIL = 200;
export const MERGED_LOG_CAPACITY = 20_000;
/** How long live lines wait so that lines of different containers leave in time order. */
const SETTLE_MS = 250;
/** The first drain waits for every stream's tail, but no longer than this. */
const FIRST_DRAIN_MAX_MS = 1500;

export interface MergedLogSource {
  id: string;
  /** The prefix: the service, with the replica number when the service has several. */
  label: string;
  service: string;
}

export interface MergedLine extends LogLine {
  label: string;
  service: string;
}

/**
 * One containers.logs stream per container (tail, follow, timestamps), interleaved by time into a
 * bounded buffer. After a reconnect each stream resumes from its last line (a stream that had sent
 * nothing simply opens again: it had nothing to repeat).
 */
export function useMergedLogs(sources: readonly MergedLogSource[]): { buffer: LineBuffer<MergedLine>; revision: number; failures: string[] } {
  const api = useApiClient();
  const bufferRef = useRef<LineBuffer<MergedLine> | null>(null);
  bufferRef.current ??= new LineBuffer<MergedLine>(MERGED_LOG_CAPACITY);
  const buffer = bufferRef.current;
  const [revision, setRevision] = useState(0);
  const [failures, setFailures] = useState<string[]>([]);
  const key = sources.map((s) => `${s.id}:${s.label}`).join(',');
  const sourcesRef = useRef(sources);
  sourcesRef.current = sources;

  useEffect(() => {
    const current = sourcesRef.current;
    const merge = new LogInterleaver<MergedLine>();
    const heardFrom = new Set<string>();
    const opened = Date.now();
    buffer.clear();
    setRevision(buffer.revision);
    setFailures([]);
    const timer = setInterval(() => {
      if (heardFrom.size < current.length && Date.now() - opened < FIRST_DRAIN_MAX_MS) return;
      if (merge.pendingCount === 0) return;
      buffer.append(merge.drain());
      setRevision(buffer.revision);
    }, SETTLE_MS);
    const closers = current.map((source) =>
      followContainerLog(
        api,
        { id: source.id, tail: MERGED_LOG_TAIL, timestamps: true },
        {
          onLines: (lines) => {
            heardFrom.add(source.id);
            merge.add(lines.map((line) => ({ ...line, label: source.label, service: source.service })));
          },
          onEnd: (error) => {
            heardFrom.add(source.id);
            if (error) setFailures((old) => [...old, `${source.label}: ${error.message}`]);
          },
        },
      ),
    );
    return () => {
      clearInterval(timer);
      for (const close of closers) close();
    };
    // The key names the set of containers: the streams re-open only when it changes.
  }, [api, buffer, key]);

  return { buffer, revision, failures };
}
