import type { CliIo } from './command.ts';

/**
 * Whether this output may carry escape sequences (colour, redrawing in place): only on a terminal,
 * never with NO_COLOR set (https://no-color.org: present and not empty) or TERM=dumb. Commands
 * that redraw fall back to plain lines when this is false, so NO_COLOR output has no escapes at all.
 */
export function escapesAllowed(io: Pick<CliIo, 'stdout' | 'env'>): boolean {
  if (io.stdout.isTTY !== true) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.env.TERM !== 'dumb';
}

/** The width help wraps to: COLUMNS when set, else the terminal's, else 80; at least 40. */
export function terminalWidth(io: Pick<CliIo, 'stdout' | 'env'>): number {
  const fromEnv = Number(io.env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(40, fromEnv);
  if (io.stdout.isTTY === true && typeof io.stdout.columns === 'number' && io.stdout.columns > 0) return Math.max(40, io.stdout.columns);
  return 80;
}

export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const plain: Styles = { bold: (t) => t, dim: (t) => t, green: (t) => t, yellow: (t) => t };
const sgr = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const ansi: Styles = { bold: sgr(1), dim: sgr(2), green: sgr(32), yellow: sgr(33) };

/** Colours for this output, or plain text where escapes are not allowed. */
export function styles(io: Pick<CliIo, 'stdout' | 'env'>): Styles {
  return escapesAllowed(io) ? ansi : plain;
}

/** Wraps text at spaces to `width` columns; continuation lines start with `indent`. A word longer than a line is cut. */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  const room = Math.max(10, width - indent.length);
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => (word.length <= room ? [word] : (word.match(new RegExp(`.{1,${room}}`, 'g')) ?? [word])));
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
