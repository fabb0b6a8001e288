/** Bytes written to the screen between two acknowledgements. */
export const ACK_EVERY_BYTES = 32 * 1024;

/**
 * The client's half of terminal flow control: counts output bytes once the terminal has written
 * them (xterm's write callback) and acknowledges them in batches, so the server can pause the
 * process while the screen is behind (electron/core/exec/flow-control.ts).
 */
export class AckCounter {
  readonly #send: (bytes: number) => void;
  readonly #every: number;
  #pending = 0;

  constructor(send: (bytes: number) => void, every = ACK_EVERY_BYTES) {
    this.#send = send;
    this.#every = every;
  }

  written(bytes: number): void {
    this.#pending += bytes;
    if (this.#pending >= this.#every) this.flush();
  }

  /** Acknowledges what is pending now (e.g. when the output goes quiet). */
  flush(): void {
    if (this.#pending === 0) return;
    const bytes = this.#pending;
    this.#pending = 0;
    this.#send(bytes);
  }

  /** A new process: what was pending belonged to the old one. */
  reset(): void {
    this.#pending = 0;
  }
}
