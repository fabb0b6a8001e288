/** Unacknowledged output bytes past which the producer is paused. */
export const HIGH_WATERMARK_BYTES = 512 * 1024;
/** Unacknowledged output bytes below which a paused producer resumes. */
export const LOW_WATERMARK_BYTES = 128 * 1024;

export interface FlowControlOptions {
  pause(): void;
  resume(): void;
  high?: number;
  low?: number;
}

/**
 * Watermark flow control between a terminal's output and the screen that draws it: the server
 * counts bytes sent, the client acknowledges bytes once its terminal has written them, and the
 * producer (the exec stream) is paused while more than `high` bytes are in flight and resumed
 * when fewer than `low` remain. A flood of output then waits in the container's pipe, not in the
 * page's memory, and the UI keeps drawing at its own pace.
 */
export class FlowControl {
  readonly #pause: () => void;
  readonly #resume: () => void;
  readonly #high: number;
  readonly #low: number;
  #inFlight = 0;
  #paused = false;

  constructor(options: FlowControlOptions) {
    this.#pause = options.pause;
    this.#resume = options.resume;
    this.#high = options.high ?? HIGH_WATERMARK_BYTES;
    this.#low = options.low ?? LOW_WATERMARK_BYTES;
    if (this.#low > this.#high) throw new RangeError('The low watermark must not exceed the high one.');
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get paused(): boolean {
    return this.#paused;
  }

  sent(bytes: number): void {
    this.#inFlight += bytes;
    if (!this.#paused && this.#inFlight > this.#high) {
      this.#paused = true;
      this.#pause();
    }
  }

  /** The client wrote `bytes` more; acknowledging more than was sent counts as all of it. */
  acked(bytes: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - bytes);
    if (this.#paused && this.#inFlight < this.#low) {
      this.#paused = false;
      this.#resume();
    }
  }

  /** A new process: nothing is in flight for it; a paused producer of the old one is gone. */
  reset(): void {
    this.#inFlight = 0;
    this.#paused = false;
  }
}
