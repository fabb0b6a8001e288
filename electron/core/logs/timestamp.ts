/**
 * Splits the engine's timestamp prefix (`2024-05-01T12:00:00.123456789Z `, RFC 3339 with
 * nanoseconds, added to each line when logs are read with timestamps) from the line's text.
 */
export function splitTimestamp(line: string): { ts: string | null; text: string } {
  const space = line.indexOf(' ');
  if (space < MIN_LENGTH || space > MAX_LENGTH || !looksLikeTimestamp(line)) return { ts: null, text: line };
  return { ts: line.slice(0, space), text: line.slice(space + 1) };
}

/** `2024-05-01T12:00:00Z` */
const MIN_LENGTH = 20;
/** `2024-05-01T12:00:00.123456789+05:30` */
const MAX_LENGTH = 35;

function looksLikeTimestamp(line: string): boolean {
  return (
    line.charCodeAt(4) === 0x2d /* - */ &&
    line.charCodeAt(7) === 0x2d &&
    line.charCodeAt(10) === 0x54 /* T */ &&
    line.charCodeAt(13) === 0x3a /* : */ &&
    isDigit(line.charCodeAt(0)) &&
    isDigit(line.charCodeAt(18))
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
