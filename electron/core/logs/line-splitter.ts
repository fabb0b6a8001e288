export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Cuts decoded text into lines at `\n`, carrying an unfinished line over to the next push.
 * Lines come out without their `\n` (a `\r` before it stays; collapsing is the caller's).
 * A line longer than `maxLineLength` is cut there so one endless line cannot exhaust memory.
 */
export class LineSplitter {
  readonly maxLineLength: number;
  #partial = '';

  constructor(maxLineLength: number = DEFAULT_MAX_LINE_LENGTH) {
    this.maxLineLength = maxLineLength;
  }

  /** Appends the complete lines in `text` to `out`. */
  push(text: string, out: string[]): void {
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.#partial = this.#partial.length === 0 ? text : this.#partial + text;
      this.#cutOverlong(out);
      return;
    }
    if (this.#partial.length > 0) {
      out.push(this.#partial + text.slice(0, newline));
      this.#partial = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    while (newline !== -1) {
      out.push(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) {
      this.#partial = text.slice(start);
      this.#cutOverlong(out);
    }
  }

  /** The unfinished last line, if any; the splitter is empty afterwards. */
  flush(): string | null {
    if (this.#partial.length === 0) return null;
    const rest = this.#partial;
    this.#partial = '';
    return rest;
  }

  #cutOverlong(out: string[]): void {
    while (this.#partial.length > this.maxLineLength) {
      out.push(this.#partial.slice(0, this.maxLineLength));
      this.#partial = this.#partial.slice(this.maxLineLength);
    }
  }
}
