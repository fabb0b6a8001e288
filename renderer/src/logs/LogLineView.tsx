import { memo } from 'react';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { parseAnsi, type AnsiSpan } from '../../../shared/logs/ansi.ts';
import { ansiCss } from './ansi-style.ts';
import { formatLogTimestamp } from './format-log-timestamp.ts';
import { highlightSpans, type HighlightRange } from './highlight-spans.ts';

const spansCache = new WeakMap<LogLine, AnsiSpan[]>();

/** Parsed once per line object and remembered while the line is in the buffer. */
function spansOf(line: LogLine): AnsiSpan[] {
  let spans = spansCache.get(line);
  if (!spans) {
    spans = parseAnsi(line.text);
    spansCache.set(line, spans);
  }
  return spans;
}

export interface LogLineViewProps {
  line: LogLine;
  showTimestamp: boolean;
  /** Matches on this line; empty array when none (keep it referentially stable for memo). */
  ranges: readonly HighlightRange[];
}

export const LogLineView = memo(function LogLineView({ line, showTimestamp, ranges }: LogLineViewProps) {
  const pieces = highlightSpans(spansOf(line), ranges);
  return (
    <div className={line.stream === 'stderr' ? 'log-line log-stderr' : 'log-line'}>
      {showTimestamp && <span className="log-ts">{line.ts ? formatLogTimestamp(line.ts) : ''}</span>}
      <span className="log-text">
        {pieces.map((piece, i) => {
          const style = ansiCss(piece.style);
          if (piece.highlight === 'none') {
            return style ? (
              <span key={i} style={style}>
                {piece.text}
              </span>
            ) : (
              piece.text
            );
          }
          return (
            <mark key={i} style={style} className={piece.highlight === 'current' ? 'log-match log-match-current' : 'log-match'} aria-current={piece.highlight === 'current' ? 'true' : undefined}>
              {piece.text}
            </mark>
          );
        })}
      </span>
    </div>
  );
});
