import { stripAnsi } from './ansi.ts';

export interface SearchableLines {
  readonly length: number;
  get(index: number): { text: string } | undefined;
}

/** One match: line index in the buffer, [start, end) in the line's ANSI-stripped text. */
export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

export interface LogSearchResult {
  matches: LogMatch[];
  /** True when `maxMatches` was reached and the search stopped early. */
  truncated: boolean;
}

export const DEFAULT_MAX_MATCHES = 10_000;

/**
 * Case-insensitive plain-text search over every line's visible text (escapes stripped).
 * Cost is one pass over the lines, and never more than `maxMatches` results.
 */
export function searchLines(lines: SearchableLines, query: string, maxMatches: number = DEFAULT_MAX_MATCHES): LogSearchResult {
  const matches: LogMatch[] = [];
  if (query.length === 0 || maxMatches <= 0) return { matches, truncated: false };
  const pattern = new RegExp(escapeRegExp(query), 'giu');
  for (let i = 0; i < lines.length; i++) {
    const line = lines.get(i);
    if (line === undefined) continue;
    const visible = stripAnsi(line.text);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(visible); m !== null; m = pattern.exec(visible)) {
      matches.push({ line: i, start: m.index, end: m.index + m[0].length });
      if (matches.length >= maxMatches) return { matches, truncated: true };
    }
  }
  return { matches, truncated: false };
}

/** Index of the match after `current`, wrapping to the first; -1 when there are none. */
export function nextMatchIndex(matches: readonly LogMatch[], current: number): number {
  if (matches.length === 0) return -1;
  return current < 0 || current >= matches.length - 1 ? 0 : current + 1;
}

/** Index of the match before `current`, wrapping to the last; -1 when there are none. */
export function previousMatchIndex(matches: readonly LogMatch[], current: number): number {
  if (matches.length === 0) return -1;
  return current <= 0 || current >= matches.length ? matches.length - 1 : current - 1;
}

/** Index of the first match on or after `line` (binary search), wrapping to 0; -1 when there are none. */
export function firstMatchFromLine(matches: readonly LogMatch[], line: number): number {
  if (matches.length === 0) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (matches[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo === matches.length ? 0 : lo;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
