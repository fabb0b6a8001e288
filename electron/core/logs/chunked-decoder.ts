const CR = 0x0d;
const LF = 0x0a;

const SIZE = 0;
const SIZE_EXTENSION = 1;
const DATA = 2;
const DATA_END = 3;
const TRAILER = 4;
const DONE = 5;

/**
 * Decodes an HTTP/1.1 `Transfer-Encoding: chunked` body at the byte level. The engine flushes
 * every log frame as its own HTTP chunk, so a 64 KB socket read holds hundreds of them: this
 * returns one buffer per read instead of one event per chunk.
 */
export class ChunkedDecoder {
  #state = SIZE;
  #size = 0;
  #sizeDigits = 0;
  #remaining = 0;
  /** Bytes of the current trailer line; an empty line ends the body. */
  #trailerLineLength = 0;
  #starts: number[] = [];
  #ends: number[] = [];

  /** True once the last (zero-size) chunk and its trailer were read. */
  get done(): boolean {
    return this.#state === DONE;
  }

  /** The body bytes in `input`, in a fresh buffer (empty when there are none). Bytes after the end are ignored. */
  push(input: Buffer): Buffer {
    const n = input.length;
    let i = 0;
    while (i < n && this.#state !== DONE) {
      switch (this.#state) {
        case DATA: {
          const end = Math.min(n, i + this.#remaining);
          this.#addSlice(i, end);
          this.#remaining -= end - i;
          i = end;
          if (this.#remaining === 0) this.#state = DATA_END;
          break;
        }
        case SIZE: {
          const c = input[i++];
          const digit = hexValue(c);
          if (digit >= 0) {
            this.#size = this.#size * 16 + digit;
            if (++this.#sizeDigits > 12) throw new Error('Malformed chunked body: chunk size too large.');
          } else if (c === LF) this.#endSizeLine();
          else if (c === CR || c === 0x3b /* ; */ || c === 0x20 || c === 0x09) this.#state = SIZE_EXTENSION;
          else throw new Error(`Malformed chunked body: unexpected byte 0x${c.toString(16)} in a chunk size.`);
          break;
        }
        case SIZE_EXTENSION: {
          if (input[i++] === LF) this.#endSizeLine();
          break;
        }
        case DATA_END: {
          // The CRLF after a chunk's data.
          if (input[i++] === LF) this.#state = SIZE;
          break;
        }
        case TRAILER: {
          const c = input[i++];
          if (c === LF) {
            if (this.#trailerLineLength === 0) this.#state = DONE;
            this.#trailerLineLength = 0;
          } else if (c !== CR) this.#trailerLineLength++;
          break;
        }
      }
    }
    return this.#collect(input);
  }

  #endSizeLine(): void {
    if (this.#sizeDigits === 0) throw new Error('Malformed chunked body: missing chunk size.');
    this.#remaining = this.#size;
    this.#state = this.#size === 0 ? TRAILER : DATA;
    this.#size = 0;
    this.#sizeDigits = 0;
  }

  #addSlice(start: number, end: number): void {
    const last = this.#ends.length - 1;
    if (last >= 0 && this.#ends[last] === start) this.#ends[last] = end;
    else {
      this.#starts.push(start);
      this.#ends.push(end);
    }
  }

  #collect(input: Buffer): Buffer {
    const pieces = this.#starts.length;
    let total = 0;
    for (let p = 0; p < pieces; p++) total += this.#ends[p] - this.#starts[p];
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    for (let p = 0; p < pieces; p++) at += input.copy(out, at, this.#starts[p], this.#ends[p]);
    this.#starts.length = 0;
    this.#ends.length = 0;
    return out;
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
