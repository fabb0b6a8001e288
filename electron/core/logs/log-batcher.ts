import type { LogBatch, LogLine } from '../../../shared/domain/logs.ts';

export interface LogBatcherOptions {
  /** Send as soon as this many lines are waiting. */
  maxLines?: number;
  /** Otherwise send waiting lines after this long, so a slow trickle still shows promptly. */
  delayMs?: number;
}

/** Groups decoded lines into few messages: a full batch goes at once, a partial one after a short delay. */
export class LogBatcher {
  /** Lines waiting to be sent; producers push into it, then call `settle()`. */
  lines: LogLine[] = [];
  readonly #send: (batch: LogBatch) => void;
  readonly #maxLines: number;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(send: (batch: LogBatch) => void, options: LogBatcherOptions = {}) {
    this.#send = send;
    this.#maxLines = options.maxLines ?? 4096;
    this.#delayMs = options.delayMs ?? 20;
  }

  /** Call after pushing lines. */
  settle(): void {
    if (this.lines.length >= this.#maxLines) this.flush();
    else if (this.lines.length > 0 && this.#timer === null) this.#timer = setTimeout(() => this.flush(), this.#delayMs);
  }

  flush(): void {
    this.#cancelTimer();
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.#send({ lines });
  }

  /** Drops waiting lines and the timer (the stream was closed). */
  discard(): void {
    this.#cancelTimer();
    this.lines = [];
  }

  #cancelTimer(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }
}
