import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LogMatch } from '../../../shared/logs/search.ts';
import { firstMatchFromLine } from '../../../shared/logs/search.ts';
import { useApiClient } from '../api/api-context.tsx';
import { errorMessage } from '../api/api-call-error.ts';
import { useVirtualWindow } from '../ui/use-virtual-window.ts';
import { collectFullLog, saveBlob } from './download-log.ts';
import type { HighlightRange } from './highlight-spans.ts';
import { LogLineView } from './LogLineView.tsx';
import { useLogSearch } from './use-log-search.ts';
import { useLogStream, type LogStreamStatus } from './use-log-stream.ts';

/** Line height in px; must match `.log-line` in the stylesheet. */
const LOG_LINE_HEIGHT = 18;
const NO_RANGES: readonly HighlightRange[] = [];

export interface LogsPanelProps {
  containerId: string;
  name: string;
  /** The container no longer exists; what was read stays readable. */
  gone: boolean;
  onClose(): void;
}

/** Follows one container's logs: ANSI colours, search with highlights, timestamps, download. */
export function LogsPanel({ containerId, name, gone, onClose }: LogsPanelProps) {
  const api = useApiClient();
  const [timestamps, setTimestamps] = useState(false);
  const [following, setFollowing] = useState(true);
  const [query, setQuery] = useState('');
  const [download, setDownload] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const { buffer, revision, status } = useLogStream(containerId, timestamps);
  const search = useLogSearch(buffer, revision, query);

  const viewportRef = useRef<HTMLDivElement>(null);
  const lineCount = buffer.length;
  const range = useVirtualWindow(viewportRef, lineCount, LOG_LINE_HEIGHT, 20);
  const lastScrollTop = useRef(0);

  // Follow the tail: after each batch, stick to the bottom unless the person paused.
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || !following) return;
    viewport.scrollTop = viewport.scrollHeight;
    lastScrollTop.current = viewport.scrollTop;
    range.onScroll();
  }, [revision, following, lineCount, range.onScroll]);

  const onScroll = () => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const top = viewport.scrollTop;
    const atBottom = viewport.scrollHeight - top - viewport.clientHeight < LOG_LINE_HEIGHT * 2;
    if (top < lastScrollTop.current - 1 && !atBottom) setFollowing(false);
    else if (top > lastScrollTop.current && atBottom) setFollowing(true);
    lastScrollTop.current = top;
    range.onScroll();
  };

  const scrollToMatch = useCallback((match: LogMatch | undefined) => {
    const viewport = viewportRef.current;
    if (!match || !viewport) return;
    setFollowing(false);
    const lineTop = match.line * LOG_LINE_HEIGHT;
    if (lineTop < viewport.scrollTop || lineTop + LOG_LINE_HEIGHT > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = Math.max(0, lineTop - viewport.clientHeight / 2);
      lastScrollTop.current = viewport.scrollTop;
    }
  }, []);

  // A new query jumps to its first match.
  const shownQuery = useRef('');
  useLayoutEffect(() => {
    if (shownQuery.current === query) return;
    shownQuery.current = query;
    if (query !== '') scrollToMatch(search.matches[search.current]);
  }, [query, search.matches, search.current, scrollToMatch]);

  // Matches of the visible lines only, grouped per line.
  const rangesByLine = useMemo(() => {
    const map = new Map<number, HighlightRange[]>();
    if (search.matches.length === 0) return map;
    for (let i = firstMatchFromLine(search.matches, range.start); i < search.matches.length; i++) {
      const match = search.matches[i];
      if (match.line >= range.end || (i === 0 && match.line < range.start)) break;
      let list = map.get(match.line);
      if (!list) map.set(match.line, (list = []));
      list.push({ start: match.start, end: match.end, current: i === search.current });
    }
    return map;
  }, [search.matches, search.current, range.start, range.end]);

  const onDownload = async () => {
    setDownload({ busy: true, error: null });
    try {
      const blob = await collectFullLog(api, containerId, timestamps);
      saveBlob(blob, `${name}.log`);
      setDownload({ busy: false, error: null });
    } catch (error) {
      setDownload({ busy: false, error: errorMessage(error) });
    }
  };

  const visibleLines = [];
  const firstLineNumber = buffer.firstLineNumber;
  for (let i = range.start; i < Math.min(range.end, lineCount); i++) {
    const line = buffer.get(i);
    if (!line) continue;
    visibleLines.push(<LogLineView key={firstLineNumber + i} line={line} showTimestamp={timestamps} ranges={rangesByLine.get(i) ?? NO_RANGES} />);
  }

  return (
    <section className="logs-panel" role="region" aria-label={`Logs of ${name}`}>
      <div className="logs-toolbar">
        <h2 className="logs-title">
          Logs <span className="logs-name">{name}</span>
        </h2>
        <StatusNote status={status} gone={gone} />
        <div className="logs-search">
          <input
            type="text"
            className="input"
            aria-label="Search logs"
            placeholder="Search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') scrollToMatch(event.shiftKey ? search.previous() : search.next());
            }}
          />
          <button type="button" className="button button-small" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={search.matches.length === 0} onClick={() => scrollToMatch(search.previous())}>
            ↑
          </button>
          <button type="button" className="button button-small" aria-label="Next match" title="Next match (Enter)" disabled={search.matches.length === 0} onClick={() => scrollToMatch(search.next())}>
            ↓
          </button>
          <span className="match-count" role="status" aria-live="polite">
            {search.summary}
          </span>
        </div>
        <label className="checkbox-label">
          <input type="checkbox" checked={timestamps} onChange={(event) => setTimestamps(event.currentTarget.checked)} />
          Timestamps
        </label>
        {!gone && status.kind !== 'ended' && status.kind !== 'failed' && (
          <button type="button" className="button button-small" onClick={() => setFollowing(!following)}>
            {following ? 'Pause following' : 'Resume following'}
          </button>
        )}
        <button type="button" className="button button-small" onClick={onDownload} disabled={download.busy} aria-busy={download.busy}>
          Download log
        </button>
        <button type="button" className="button button-small" onClick={onClose}>
          Close logs
        </button>
      </div>
      {download.error && <div role="alert" className="alert alert-error">Could not download the log: {download.error}</div>}
      {status.kind === 'failed' && <div role="alert" className="alert alert-error">{status.message}</div>}
      <div className="log-viewport" ref={viewportRef} onScroll={onScroll} tabIndex={0} role="log" aria-live="off" aria-label="Log output">
        <div className="log-content" style={{ height: lineCount * LOG_LINE_HEIGHT }}>
          <div className="log-window" style={{ transform: `translateY(${range.start * LOG_LINE_HEIGHT}px)` }}>
            {visibleLines}
          </div>
        </div>
        {lineCount === 0 && status.kind !== 'connecting' && <p className="log-empty">No log output yet.</p>}
      </div>
    </section>
  );
}

function StatusNote({ status, gone }: { status: LogStreamStatus; gone: boolean }) {
  let text = '';
  if (gone) text = 'Container removed';
  else if (status.kind === 'connecting') text = 'Connecting…';
  else if (status.kind === 'reconnecting') text = 'Reconnecting…';
  else if (status.kind === 'ended') text = 'Log ended';
  return text ? <span className="logs-status">{text}</span> : null;
}
