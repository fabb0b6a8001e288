import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/domain/logs.ts';
import type { LineBuffer } from '../../../shared/logs/line-buffer.ts';
import { nextMatchIndex, previousMatchIndex, searchLines, type LogMatch } from '../../../shared/logs/search.ts';
import { useThrottledValue } from '../ui/use-throttled-value.ts';

export interface LogSearch {
  matches: readonly LogMatch[];
  truncated: boolean;
  /** Index into matches of the emphasised match; -1 when none. */
  current: number;
  next(): LogMatch | undefined;
  previous(): LogMatch | undefined;
  /** "2 of 5 matches", "No matches", or '' with no query. */
  summary: string;
}

/**
 * Searches the buffered lines for `query`. While lines stream in, the search reruns at most every
 * 250 ms; the current match stays on the same line (by absolute line number) as lines arrive or
 * drop off the front.
 */
export function useLogSearch(buffer: LineBuffer<LogLine>, revision: number, query: string): LogSearch {
  const searchRevision = useThrottledValue(revision, 250);
  const result = useMemo(
    () => searchLines(buffer, query),
    // searchRevision stands for the buffer's contents, which mutate in place.
    [buffer, query, searchRevision],
  );
  const firstLineNumber = buffer.firstLineNumber;
  const [current, setCurrent] = useState<{ query: string; absoluteLine: number; start: number } | null>(null);

  // A new query starts at its first match.
  const lastQuery = useRef(query);
  useEffect(() => {
    if (lastQuery.current === query) return;
    lastQuery.current = query;
    const first = result.matches[0];
    setCurrent(first ? { query, absoluteLine: firstLineNumber + first.line, start: first.start } : null);
  }, [query, result, firstLineNumber]);

  let currentIndex = -1;
  if (current && current.query === query) {
    const line = current.absoluteLine - firstLineNumber;
    currentIndex = result.matches.findIndex((m) => m.line === line && m.start === current.start);
  }
  // No current yet, or it dropped off the front of the buffer: the first match stands in.
  if (currentIndex === -1 && result.matches.length > 0) currentIndex = 0;

  const move = (index: number): LogMatch | undefined => {
    const match = result.matches[index];
    if (match) setCurrent({ query, absoluteLine: firstLineNumber + match.line, start: match.start });
    return match;
  };

  const count = result.matches.length;
  const summary =
    query === ''
      ? ''
      : count === 0
        ? 'No matches'
        : `${currentIndex === -1 ? 0 : currentIndex + 1} of ${count}${result.truncated ? '+' : ''} ${count === 1 && !result.truncated ? 'match' : 'matches'}`;

  return {
    matches: result.matches,
    truncated: result.truncated,
    current: currentIndex,
    next: () => move(nextMatchIndex(result.matches, currentIndex)),
    previous: () => move(previousMatchIndex(result.matches, currentIndex)),
    summary,
  };
}
