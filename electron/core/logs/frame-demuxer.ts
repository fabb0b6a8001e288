export type StdStream = 'stdout' | 'stderr';

const HEADER_SIZE = 8;
const STDERR = 2;
const SYSTEMERR = 3;

/**
 * Splits the engine's multiplexed log stream (non-TTY containers) into per-stream bytes.
 * Each frame is an 8-byte header `[stream, 0, 0, 0, size (uint32 BE)]` and `size` payload bytes;
 * headers and payloads may be cut anywhere by chunk boundaries.
 *
 * Consecutive frames of the same stream within one chunk come out as one run, so the caller
 * decodes a chunk's worth of text at once instead of one frame at a time. A frame's payload may
 * come out in pieces when chunks cut it. A run is only valid until the next `push`.
 */
export class FrameDemuxer {
  #header = Buffer.alloc(HEADER_SIZE);
  #headerFill = 0;
  /** Payload bytes of the current frame not seen yet. */
  #remaining = 0;
  #stream: StdStream = 'stdout';
  #scratch = Buffer.allocUnsafe(0);
  #runStream: StdStream = 'stdout';
  #runStarts: number[] = [];
  #runEnds: number[] = [];

  push(chunk: Buffer, onRun: (stream: StdStream, bytes: Buffer) => void): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.#remaining > 0) {
        const end = Math.min(n, i + this.#remaining);
        this.#addToRun(this.#stream, i, end, chunk, onRun);
        this.#remaining -= end - i;
        i = end;
        continue;
      }
      if (this.#headerFill === 0 && n - i >= HEADER_SIZE) {
        this.#startFrame(chunk[i], chunk.readUInt32BE(i + 4));
        i += HEADER_SIZE;
        continue;
      }
      const take = Math.min(HEADER_SIZE - this.#headerFill, n - i);
      chunk.copy(this.#header, this.#headerFill, i, i + take);
      this.#headerFill += take;
      i += take;
      if (this.#headerFill === HEADER_SIZE) {
        this.#headerFill = 0;
        this.#startFrame(this.#header[0], this.#header.readUInt32BE(4));
      }
    }
    this.#flushRun(chunk, onRun);
  }

  /** True when the input so far ended on a frame boundary. */
  get atFrameBoundary(): boolean {
    return this.#remaining === 0 && this.#headerFill === 0;
  }

  #startFrame(streamByte: number, size: number): void {
    this.#stream = streamByte === STDERR || streamByte === SYSTEMERR ? 'stderr' : 'stdout';
    this.#remaining = size;
  }

  #addToRun(stream: StdStream, start: number, end: number, chunk: Buffer, onRun: (stream: StdStream, bytes: Buffer) => void): void {
    if (this.#runStarts.length > 0 && stream !== this.#runStream) this.#flushRun(chunk, onRun);
    this.#runStream = stream;
    const last = this.#runEnds.length - 1;
    if (last >= 0 && this.#runEnds[last] === start) this.#runEnds[last] = end;
    else {
      this.#runStarts.push(start);
      this.#runEnds.push(end);
    }
  }

  #flushRun(chunk: Buffer, onRun: (stream: StdStream, bytes: Buffer) => void): void {
    const pieces = this.#runStarts.length;
    if (pieces === 0) return;
    if (pieces === 1) {
      onRun(this.#runStream, chunk.subarray(this.#runStarts[0], this.#runEnds[0]));
    } else {
      let total = 0;
      for (let p = 0; p < pieces; p++) total += this.#runEnds[p] - this.#runStarts[p];
      if (this.#scratch.length < total) this.#scratch = Buffer.allocUnsafe(Math.max(total, this.#scratch.length * 2));
      let at = 0;
      for (let p = 0; p < pieces; p++) at += chunk.copy(this.#scratch, at, this.#runStarts[p], this.#runEnds[p]);
      onRun(this.#runStream, this.#scratch.subarray(0, total));
    }
    this.#runStarts.length = 0;
    this.#runEnds.length = 0;
  }
}
