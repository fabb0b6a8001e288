import { StringDecoder } from 'node:string_decoder';
import type { LogLine } from '../../../shared/domain/logs.ts';
import { collapseCarriageReturns } from '../../../shared/logs/collapse.ts';
import { FrameDemuxer, type StdStream } from './frame-demuxer.ts';
import { LineSplitter } from './line-splitter.ts';
import { splitTimestamp } from './timestamp.ts';

export interface LogDecoderOptions {
  /** A TTY container's log is raw bytes (all stdout); otherwise it is multiplexed frames. */
  tty: boolean;
  /** Lines start with the engine's timestamp, to be moved into `ts`. */
  timestamps: boolean;
}

interface StreamState {
  utf8: StringDecoder;
  splitter: LineSplitter;
}

/** Turns the bytes of one `/containers/{id}/logs` response into log lines, chunk by chunk. */
export class LogDecoder {
  readonly #timestamps: boolean;
  readonly #demuxer: FrameDemuxer | null;
  readonly #streams: Record<StdStream, StreamState | null> = { stdout: null, stderr: null };
  readonly #raw: string[] = [];
  #out: LogLine[] = [];

  constructor(options: LogDecoderOptions) {
    this.#timestamps = options.timestamps;
    this.#demuxer = options.tty ? null : new FrameDemuxer();
  }

  /** Appends the lines completed by `chunk` to `out`. */
  push(chunk: Buffer, out: LogLine[]): void {
    this.#out = out;
    if (this.#demuxer === null) this.#decode('stdout', chunk);
    else this.#demuxer.push(chunk, this.#onRun);
  }

  /** Appends the lines completed by already decoded text of one stream (a json-file record) to `out`. */
  pushText(stream: StdStream, text: string, out: LogLine[]): void {
    this.#out = out;
    this.#split(stream, this.#state(stream), text);
  }

  /** Appends what is left (an unfinished last line per stream) to `out`. */
  end(out: LogLine[]): void {
    this.#out = out;
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.#streams[stream];
      if (state === null) continue;
      const rest = state.utf8.end();
      if (rest.length > 0) this.#split(stream, state, rest);
      const partial = state.splitter.flush();
      if (partial !== null) this.#emit(stream, partial);
    }
  }

  readonly #onRun = (stream: StdStream, bytes: Buffer): void => this.#decode(stream, bytes);

  #decode(stream: StdStream, bytes: Buffer): void {
    const state = this.#state(stream);
    const text = state.utf8.write(bytes);
    if (text.length > 0) this.#split(stream, state, text);
  }

  #state(stream: StdStream): StreamState {
    return (this.#streams[stream] ??= { utf8: new StringDecoder('utf8'), splitter: new LineSplitter() });
  }

  #split(stream: StdStream, state: StreamState, text: string): void {
    const raw = this.#raw;
    state.splitter.push(text, raw);
    for (let i = 0; i < raw.length; i++) this.#emit(stream, raw[i]);
    raw.length = 0;
  }

  #emit(stream: StdStream, line: string): void {
    if (this.#timestamps) {
      const { ts, text } = splitTimestamp(line);
      this.#out.push({ stream, ts, text: collapseCarriageReturns(text) });
    } else {
      this.#out.push({ stream, ts: null, text: collapseCarriageReturns(line) });
    }
  }
}
