/** Largest chunk sent at once. */
export const MAX_BATCH_BYTES = 64 * 1024;

/**
 * Gathers the many small chunks a TTY produces into one message per turn of the event loop (or
 * per MAX_BATCH_BYTES), so a flood costs a few large frames instead of thousands of tiny ones.
 * Chunks are copied: the caller may reuse its buffer.
 */
export class OutputBatcher {
  readonly #flushTo: (bytes: Uint8Array) => void;
  #parts: Buffer[] = [];
  #size = 0;
  #scheduled: NodeJS.Immediate | null = null;

  constructor(flushTo: (bytes: Uint8Array) => void) {
    this.#flushTo = flushTo;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#parts.push(Buffer.from(chunk));
    this.#size += chunk.length;
    if (this.#size >= MAX_BATCH_BYTES) this.flush();
    else this.#scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    if (this.#size === 0) return;
    // A fresh, exactly sized array: a view into a pooled Buffer would carry the whole pool
    // across a MessagePort (structured clone copies the entire ArrayBuffer).
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.#parts = [];
    this.#size = 0;
    this.#flushTo(bytes);
  }

  /** Drops what is pending without sending it. */
  clear(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = null;
    this.#parts = [];
    this.#size = 0;
  }
}
