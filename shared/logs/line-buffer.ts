export const DEFAULT_LINE_BUFFER_CAPACITY = 50_000;

/**
 * The newest `capacity` lines of a log, oldest first. Appends are O(1) amortised; the buffer
 * never holds more than `capacity` lines, older ones are dropped and counted.
 */
export class LineBuffer<T> {
  readonly capacity: number;
  #slots: (T | undefined)[] = [];
  /** Slot of the oldest line. */
  #head = 0;
  #length = 0;
  #dropped = 0;
  #revision = 0;

  constructor(capacity: number = DEFAULT_LINE_BUFFER_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LineBuffer capacity must be a positive integer, got ${capacity}.`);
    this.capacity = capacity;
  }

  get length(): number {
    return this.#length;
  }

  /** Lines dropped from the front since creation or the last clear. */
  get droppedCount(): number {
    return this.#dropped;
  }

  /** Absolute number of the line at index 0 (lines ever appended before it); stable across drops. */
  get firstLineNumber(): number {
    return this.#dropped;
  }

  /** Changes on every append or clear: a cheap "did anything change" for views. */
  get revision(): number {
    return this.#revision;
  }

  append(lines: readonly T[]): void {
    if (lines.length === 0) return;
    this.#revision++;
    const skip = Math.max(0, lines.length - this.capacity);
    this.#dropped += skip;
    for (let i = skip; i < lines.length; i++) this.#push(lines[i]);
  }

  /** The line at `index` (0 = oldest kept), or undefined outside [0, length). */
  get(index: number): T | undefined {
    if (index < 0 || index >= this.#length || !Number.isInteger(index)) return undefined;
    return this.#slots[(this.#head + index) % this.capacity];
  }

  /** Lines [start, end) in order, clamped to the buffer. */
  slice(start = 0, end = this.#length): T[] {
    const from = Math.max(0, start);
    const to = Math.min(this.#length, end);
    const out: T[] = [];
    for (let i = from; i < to; i++) out.push(this.#slots[(this.#head + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.#slots = [];
    this.#head = 0;
    this.#length = 0;
    this.#dropped = 0;
    this.#revision++;
  }

  #push(line: T): void {
    if (this.#length < this.capacity) {
      const slot = (this.#head + this.#length) % this.capacity;
      if (slot === this.#slots.length) this.#slots.push(line);
      else this.#slots[slot] = line;
      this.#length++;
      return;
    }
    this.#slots[this.#head] = line;
    this.#head = (this.#head + 1) % this.capacity;
    this.#dropped++;
  }
}
