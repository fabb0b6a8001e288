import { availableParallelism, totalmem } from 'node:os';

export interface SlotRequest {
  cpu: number;
  memoryBytes: number;
}

/**
 * CPU and memory shared by every run of this process: a step starts only when what it asks for
 * fits in what is left. A step that asks for nothing always fits. Listeners hear when room frees up.
 */
export class SlotPool {
  readonly cpu: number;
  readonly memoryBytes: number;
  #usedCpu = 0;
  #usedMemory = 0;
  readonly #listeners = new Set<() => void>();

  constructor(capacity: Partial<SlotRequest> = {}) {
    this.cpu = capacity.cpu ?? availableParallelism();
    this.memoryBytes = capacity.memoryBytes ?? totalmem();
  }

  /** A sentence when the request can never fit on this machine, else null. */
  impossible(request: SlotRequest): string | null {
    if (request.cpu > this.cpu) return `asks for ${request.cpu} CPUs but this machine has ${this.cpu}; lower resources.cpu`;
    if (request.memoryBytes > this.memoryBytes) return `asks for more memory than this machine has (${Math.round(this.memoryBytes / 2 ** 20)} MiB); lower resources.memory`;
    return null;
  }

  tryAcquire(request: SlotRequest): boolean {
    if (this.#usedCpu + request.cpu > this.cpu + 1e-9 || this.#usedMemory + request.memoryBytes > this.memoryBytes) return false;
    this.#usedCpu += request.cpu;
    this.#usedMemory += request.memoryBytes;
    return true;
  }

  release(request: SlotRequest): void {
    this.#usedCpu = Math.max(0, this.#usedCpu - request.cpu);
    this.#usedMemory = Math.max(0, this.#usedMemory - request.memoryBytes);
    for (const listener of [...this.#listeners]) listener();
  }

  onRelease(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
