import { createJsonLineParser } from './json-lines.ts';

export type DockerEventType = 'container' | 'image' | 'volume' | 'network';
const STREAMED_TYPES: DockerEventType[] = ['container', 'image', 'volume', 'network'];

/** The part of an Engine API event (GET /events) that Benchtop reads. */
export interface DockerEvent {
  Type: DockerEventType;
  /** "start", "die", "destroy", "health_status: healthy", "exec_start: sh"… */
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  /** Unix seconds. */
  time: number;
  timeNano: number;
}

export interface EventsState {
  state: 'connected' | 'disconnected';
  /** When disconnected: the delay before the next attempt. */
  retryInMs?: number;
  message?: string;
}

export interface EventsFilter {
  /** Defaults to ['container']. */
  types?: readonly DockerEventType[];
}

export interface OpenEventStreamRequest {
  filters: { type: DockerEventType[] };
  /** Aborted when the stream is no longer wanted; the opener must stop then. */
  signal: AbortSignal;
}

/** Opens GET /events: resolves once the engine has answered, with the body as a stream. */
export type OpenEventStream = (request: OpenEventStreamRequest) => Promise<NodeJS.ReadableStream>;

export interface EngineEventsOptions {
  open: OpenEventStream;
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** A subscriber threw; the others still get the event. */
  onListenerError?: (error: unknown) => void;
}

interface Subscriber {
  listener: (event: DockerEvent) => void;
  onState?: (state: EventsState) => void;
  types: ReadonlySet<DockerEventType>;
}

/**
 * One GET /events stream shared by every subscriber: opened when the first subscribes, closed
 * when the last leaves, reopened with exponential backoff and jitter when it drops. Subscribers
 * hear 'connected' each time it (re)opens and should re-list then: events missed while
 * disconnected are not replayed.
 */
export class EngineEvents {
  readonly #open: OpenEventStream;
  readonly #initialRetryMs: number;
  readonly #maxRetryMs: number;
  readonly #random: () => number;
  readonly #onListenerError: (error: unknown) => void;
  readonly #subscribers = new Set<Subscriber>();
  #session: AbortController | null = null;
  #stream: NodeJS.ReadableStream | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #state: EventsState | null = null;

  constructor(options: EngineEventsOptions) {
    this.#open = options.open;
    this.#initialRetryMs = options.initialRetryMs ?? 250;
    this.#maxRetryMs = options.maxRetryMs ?? 10_000;
    this.#random = options.random ?? Math.random;
    this.#onListenerError = options.onListenerError ?? ((error) => console.error('An engine event subscriber failed:', error));
  }

  /** The stream's state, or null while nobody listens. */
  get state(): EventsState | null {
    return this.#state;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  subscribe(listener: (event: DockerEvent) => void, onState?: (state: EventsState) => void, filter: EventsFilter = {}): () => void {
    const subscriber: Subscriber = { listener, onState, types: new Set(filter.types ?? ['container']) };
    this.#subscribers.add(subscriber);
    if (this.#subscribers.size === 1) {
      void this.#connect();
    } else if (this.#state && onState) {
      const current = this.#state;
      // Late joiners learn the current state too, after subscribe() has returned.
      queueMicrotask(() => {
        if (this.#subscribers.has(subscriber) && this.#state === current) this.#notify(subscriber, current);
      });
    }
    return () => {
      if (!this.#subscribers.delete(subscriber)) return;
      if (this.#subscribers.size === 0) this.#stop();
    };
  }

  /** Drops every subscriber and the stream. */
  close(): void {
    this.#subscribers.clear();
    this.#stop();
  }

  async #connect(): Promise<void> {
    const session = new AbortController();
    this.#session = session;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.#open({ filters: { type: [...STREAMED_TYPES] }, signal: session.signal });
    } catch (error) {
      if (this.#session === session) this.#retry(`The engine event stream could not be opened: ${messageOf(error)}`);
      return;
    }
    if (this.#session !== session) {
      destroy(stream);
      return;
    }
    this.#stream = stream;
    this.#failures = 0;
    this.#setState({ state: 'connected' });

    const parser = createJsonLineParser((value) => this.#dispatch(value));
    let over = false;
    const dropped = (message: string) => {
      if (over) return;
      over = true;
      parser.end();
      if (this.#session !== session) return;
      this.#stream = null;
      destroy(stream);
      this.#retry(message);
    };
    stream.on('data', (chunk: Buffer | string) => parser.push(chunk));
    stream.on('end', () => dropped('The engine closed the event stream.'));
    stream.on('close', () => dropped('The engine event stream closed.'));
    stream.on('error', (error: unknown) => dropped(`The engine event stream failed: ${messageOf(error)}`));
  }

  #retry(message: string): void {
    const base = Math.min(this.#maxRetryMs, this.#initialRetryMs * 2 ** this.#failures);
    this.#failures += 1;
    const retryInMs = Math.min(this.#maxRetryMs, Math.round(base * (0.8 + 0.4 * this.#random())));
    this.#setState({ state: 'disconnected', retryInMs, message });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect();
    }, retryInMs);
  }

  #stop(): void {
    this.#session?.abort();
    this.#session = null;
    if (this.#stream) destroy(this.#stream);
    this.#stream = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#failures = 0;
    this.#state = null;
  }

  #setState(state: EventsState): void {
    this.#state = state;
    for (const subscriber of [...this.#subscribers]) this.#notify(subscriber, state);
  }

  #notify(subscriber: Subscriber, state: EventsState): void {
    try {
      subscriber.onState?.(state);
    } catch (error) {
      this.#onListenerError(error);
    }
  }

  #dispatch(value: unknown): void {
    const event = toDockerEvent(value);
    if (!event) return;
    for (const subscriber of [...this.#subscribers]) {
      if (!subscriber.types.has(event.Type)) continue;
      try {
        subscriber.listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

/** Validates one decoded line; anything that is not a known event type is dropped. */
export function toDockerEvent(value: unknown): DockerEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as { Type?: unknown; Action?: unknown; Actor?: { ID?: unknown; Attributes?: unknown }; id?: unknown; time?: unknown; timeNano?: unknown };
  if (typeof raw.Type !== 'string' || !(STREAMED_TYPES as string[]).includes(raw.Type)) return null;
  if (typeof raw.Action !== 'string') return null;
  const id = typeof raw.Actor?.ID === 'string' ? raw.Actor.ID : typeof raw.id === 'string' ? raw.id : '';
  const attributes: Record<string, string> = {};
  if (typeof raw.Actor?.Attributes === 'object' && raw.Actor.Attributes !== null) {
    for (const [key, attribute] of Object.entries(raw.Actor.Attributes)) {
      if (typeof attribute === 'string') attributes[key] = attribute;
    }
  }
  const time = typeof raw.time === 'number' ? raw.time : 0;
  const timeNano = typeof raw.timeNano === 'number' ? raw.timeNano : time * 1e9;
  return { Type: raw.Type as DockerEventType, Action: raw.Action, Actor: { ID: id, Attributes: attributes }, time, timeNano };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function destroy(stream: NodeJS.ReadableStream): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  destroyable.destroy?.();
}
