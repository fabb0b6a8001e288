import type { ContainerChange, ContainerSummary } from '../../../shared/domain/containers.ts';
import type { StreamSink } from '../api/dispatcher.ts';
import { streamContainerChanges, type ContainerEventsSource } from './changes.ts';
import type { ContainerService } from './service.ts';

/** How long the mirror stays live after its last reader left (ms): a page switch does not drop it. */
export const MIRROR_LINGER_MS = 60_000;

/** Newest first, then by name: the order `ContainerService.list` answers in. */
const byNewest = (a: ContainerSummary, b: ContainerSummary) => b.created - a.created || a.name.localeCompare(b.name);

/**
 * One live copy of the engine's containers list (every container, `all: true`) per core, shared
 * by the list call and every `containers.changes` stream. It runs the live list of `changes.ts`
 * once and fans its messages out, so that a page opening the Containers list (list call +
 * stream, Home then Containers…) costs no engine listing while the copy is live: listing 1,000
 * containers costs the engine about a second here, a lookup per changed container about 10 ms.
 *
 * The copy is trusted only while the engine's event stream is connected; while it is down the
 * list call asks the engine as before, and subscribers get the same `disconnected` message and
 * fresh snapshot as with a stream of their own. It starts on first use and stops MIRROR_LINGER_MS
 * after its last subscriber left, so a closed UI leaves no event stream open.
 */
export class ContainersMirror {
  readonly #service: ContainerService;
  readonly #events: ContainerEventsSource;
  readonly #lingerMs: number;
  readonly #items = new Map<string, ContainerSummary>();
  #sorted: ContainerSummary[] | null = null;
  /** A snapshot arrived and the event feed has not dropped since. */
  #live = false;
  /** This run has had its first snapshot. */
  #loaded = false;
  #lastDisconnect: ContainerChange | null = null;
  #run: AbortController | null = null;
  #lingerTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #subscribers = new Map<StreamSink<ContainerChange>, (error: unknown) => void>();
  #waiters: { resolve(items: ContainerSummary[]): void; reject(error: unknown): void }[] = [];

  constructor(service: ContainerService, events: ContainerEventsSource, options: { lingerMs?: number } = {}) {
    this.#service = service;
    this.#events = events;
    this.#lingerMs = options.lingerMs ?? MIRROR_LINGER_MS;
  }

  /** Every container, newest first: from the live copy, else (first use, feed down) from the engine. */
  list(): Promise<ContainerSummary[]> {
    this.#start();
    this.#armLinger();
    if (this.#live) return Promise.resolve(this.#snapshot());
    // The first load is under way: share it rather than list a second time.
    if (!this.#loaded) return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
    return this.#service.list(true);
  }

  /** A `containers.changes` stream: a snapshot (now when the copy is live), then its patches. */
  subscribe(sink: StreamSink<ContainerChange>, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    this.#start();
    this.#cancelLinger();
    if (this.#live) sink.next({ type: 'snapshot', items: this.#snapshot() });
    else if (this.#lastDisconnect) sink.next(this.#lastDisconnect);
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        this.#subscribers.delete(sink);
        if (this.#subscribers.size === 0) this.#armLinger();
        resolve();
      };
      this.#subscribers.set(sink, (error) => {
        signal.removeEventListener('abort', leave);
        this.#subscribers.delete(sink);
        reject(error);
      });
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  /** Stops the copy and its event stream now (core shutdown, tests). */
  close(): void {
    this.#cancelLinger();
    this.#run?.abort();
  }

  #snapshot(): ContainerSummary[] {
    this.#sorted ??= [...this.#items.values()].sort(byNewest);
    return this.#sorted;
  }

  #start(): void {
    if (this.#run) return;
    const run = new AbortController();
    this.#run = run;
    const sink: StreamSink<ContainerChange> = { next: (change) => this.#apply(change), end: () => {} };
    streamContainerChanges(this.#service, this.#events, sink, run.signal).then(
      () => this.#stopped(run, null),
      (error: unknown) => this.#stopped(run, error ?? new Error('The containers list stopped.')),
    );
  }

  #apply(change: ContainerChange): void {
    switch (change.type) {
      case 'snapshot':
        this.#items.clear();
        for (const item of change.items) this.#items.set(item.id, item);
        this.#live = true;
        this.#loaded = true;
        this.#lastDisconnect = null;
        break;
      case 'upsert':
        this.#items.set(change.item.id, change.item);
        break;
      case 'remove':
        this.#items.delete(change.key);
        break;
      case 'disconnected':
        this.#live = false;
        this.#lastDisconnect = change;
        break;
    }
    this.#sorted = null;
    if (change.type === 'snapshot') {
      const waiters = this.#waiters;
      this.#waiters = [];
      const items = this.#snapshot();
      for (const waiter of waiters) waiter.resolve(items);
    }
    for (const sink of this.#subscribers.keys()) sink.next(change);
  }

  #stopped(run: AbortController, error: unknown): void {
    if (this.#run !== run) return;
    this.#run = null;
    this.#live = false;
    this.#loaded = false;
    this.#items.clear();
    this.#sorted = null;
    this.#lastDisconnect = null;
    const failure = error ?? new Error('The containers list stopped.');
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(failure);
    // Subscribers end with the error (the page says so and opens the stream again); a stop by
    // close() or the linger ends them quietly the same way.
    for (const fail of [...this.#subscribers.values()]) fail(failure);
  }

  #armLinger(): void {
    if (this.#subscribers.size > 0) return;
    this.#cancelLinger();
    this.#lingerTimer = setTimeout(() => {
      this.#lingerTimer = null;
      if (this.#subscribers.size === 0) this.#run?.abort();
    }, this.#lingerMs);
    this.#lingerTimer.unref?.();
  }

  #cancelLinger(): void {
    if (this.#lingerTimer !== null) clearTimeout(this.#lingerTimer);
    this.#lingerTimer = null;
  }
}
