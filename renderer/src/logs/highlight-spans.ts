import type { AnsiSpan } from '../../../shared/logs/ansi.ts';

/** A search hit inside one line: [start, end) in the line's visible (ANSI-stripped) text. */
export interface HighlightRange {
  start: number;
  end: number;
  current: boolean;
}

export type HighlightKind = 'none' | 'match' | 'current';

/** A run of text with one ANSI style and one highlight kind. */
export interface HighlightedPiece {
  style: AnsiSpan;
  text: string;
  highlight: HighlightKind;
}

/**
 * Cuts the styled spans of a line at the match boundaries so each piece has one style and one
 * highlight. Ranges are sorted and do not overlap (as search returns them); offsets count the
 * visible text, which is what the spans' texts joined are.
 */
export function highlightSpans(spans: readonly AnsiSpan[], ranges: readonly HighlightRange[]): HighlightedPiece[] {
  if (ranges.length === 0) return spans.map((style) => ({ style, text: style.text, highlight: 'none' }));
  const pieces: HighlightedPiece[] = [];
  let offset = 0;
  let r = 0;
  for (const span of spans) {
    const spanEnd = offset + span.text.length;
    let at = offset;
    while (at < spanEnd) {
      while (r < ranges.length && ranges[r].end <= at) r++;
      const range = ranges[r];
      if (range === undefined || range.start >= spanEnd) {
        pieces.push({ style: span, text: span.text.slice(at - offset), highlight: 'none' });
        at = spanEnd;
      } else if (range.start > at) {
        pieces.push({ style: span, text: span.text.slice(at - offset, range.start - offset), highlight: 'none' });
        at = range.start;
      } else {
        const end = Math.min(range.end, spanEnd);
        pieces.push({ style: span, text: span.text.slice(at - offset, end - offset), highlight: range.current ? 'current' : 'match' });
        at = end;
      }
    }
    offset = spanEnd;
  }
  return pieces;
}
