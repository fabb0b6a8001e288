import type { GpuMetricsMessage } from '../../../shared/domain/gpu.ts';

export type PollOnce = () => Promise<GpuMetricsMessage>;
type Listener = (message: GpuMetricsMessage) => void;

/**
 * Polls while at least one subscriber is open and stops when the last one leaves. Polls never
 * overlap: the next one is scheduled `intervalMs` after the previous one ended. A new subscriber
 * gets the latest message at once when there is one.
 */
export class MetricsPoller {
  readonly #poll: PollOnce;
  readonly #intervalMs: number;
  readonly #listeners = new Set<Listener>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #latest: GpuMetricsMessage | null = null;
  #polls = 0;

  constructor(poll: PollOnce, intervalMs: number) {
    this.#poll = poll;
    this.#intervalMs = intervalMs;
  }

  /** How many polls ran (benchmarks, tests). */
  get polls(): number {
    return this.#polls;
  }

  get active(): boolean {
    return this.#listeners.size > 0;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#latest) listener(this.#latest);
    if (this.#listeners.size === 1) void this.#tick();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  async #tick(): Promise<void> {
    if (this.#running || this.#listeners.size === 0) return;
    this.#running = true;
    this.#timer = null;
    let message: GpuMetricsMessage;
    try {
      message = await this.#poll();
    } catch (error) {
      message = { ts: Date.now(), samples: [], error: error instanceof Error ? error.message : String(error) };
    }
    this.#polls++;
    this.#running = false;
    if (this.#listeners.size === 0) return;
    this.#latest = message;
    for (const listener of [...this.#listeners]) listener(message);
    this.#timer = setTimeout(() => void this.#tick(), this.#intervalMs);
  }

  #stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#latest = null;
  }
}
