/**
 * Collapses carriage-return progress (tqdm, pip, curl) in one line, given without its `\n`:
 * a terminal shows only what was written after the last `\r`. Trailing `\r`s are the tail of a
 * `\r\n` (TTY output) or a progress bar's final redraw, so they never blank the line.
 */
export function collapseCarriageReturns(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === CR) end--;
  const lastCr = line.lastIndexOf('\r', end - 1);
  if (lastCr === -1) return end === line.length ? line : line.slice(0, end);
  return line.slice(lastCr + 1, end);
}

const CR = 13;
