import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { LogResumeCursor } from '../../../shared/logs/log-resume.ts';
import type { ApiClient } from '../api/client.ts';
import type { StreamInterruption } from '../api/transport.ts';

export interface FollowContainerLogHandlers {
  onLines(lines: LogLine[]): void;
  onEnd?(error?: ApiErrorPayload): void;
  onInterrupted?(info: StreamInterruption): void;
  /** The stream started over (nothing had arrived yet to resume from): drop what was shown. */
  onRestart?(): void;
}

/**
 * Follows one container's log (`containers.logs`) so that a dropped connection to the core
 * (the web host restarted, the socket broke) resumes from the last line shown: the stream is
 * re-opened with `since` at the newest line's engine timestamp and the boundary lines it sends
 * again are dropped (shared/logs/log-resume.ts): each line once, no gap. The engine is always
 * asked for timestamps (the resume point); `timestamps: false` hides them from the lines handed on.
 * Returns the function that closes the stream.
 */
export function followContainerLog(api: ApiClient, input: { id: string; tail: number | 'all'; timestamps: boolean }, handlers: FollowContainerLogHandlers): () => void {
  const cursor = new LogResumeCursor();
  const opened = { id: input.id, tail: input.tail, follow: true, timestamps: true } as const;
  return api.subscribe(
    'containers.logs',
    opened,
    (batch) => {
      const lines = cursor.accept(batch.lines);
      if (lines.length > 0) handlers.onLines(input.timestamps ? lines : lines.map((line) => ({ ...line, ts: null })));
    },
    handlers.onEnd,
    {
      onInterrupted: handlers.onInterrupted,
      onRestart: handlers.onRestart,
      resumeInput: () => {
        const since = cursor.newestTimestamp;
        if (since === null) return undefined;
        cursor.resume();
        return { ...opened, since };
      },
    },
  );
}
