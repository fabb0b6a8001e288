import type { LayerState, PullLayer, PullProgress } from '../../../shared/domain/images.ts';

/** One JSON message of POST /images/create (Engine API "Create an image": a JSON progress stream). */
export interface PullMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const STATES: Array<[RegExp, LayerState]> = [
  [/^Pulling fs layer$/i, 'waiting'],
  [/^Waiting$/i, 'waiting'],
  [/^Downloading$/i, 'downloading'],
  [/^Verifying Checksum$/i, 'verifying'],
  [/^Download complete$/i, 'downloaded'],
  [/^Extracting$/i, 'extracting'],
  [/^Pull complete$/i, 'complete'],
  [/^Already exists$/i, 'exists'],
];

/** How far along a layer is: downloading counts for 80 %, extracting for the last 20 %. */
function layerFraction(layer: PullLayer): number {
  const part = layer.total && layer.current !== null ? Math.min(1, layer.current / layer.total) : 0;
  switch (layer.state) {
    case 'waiting':
      return 0;
    case 'downloading':
      return 0.8 * part;
    case 'verifying':
    case 'downloaded':
      return 0.8;
    case 'extracting':
      return 0.8 + 0.2 * part;
    case 'complete':
    case 'exists':
      return 1;
  }
}

const MAX_MESSAGES = 20;
/** The download rate is averaged over this window so the ETA does not jump with every chunk. */
const RATE_WINDOW_MS = 5_000;

/**
 * Folds the engine's pull messages into per-layer states, an overall fraction (layers weighted by
 * their download size; a layer of unknown size weighs the average) and an ETA from the recent
 * download rate. Error messages are not folded: the caller throws them.
 */
export class PullProgressTracker {
  readonly #image: string;
  readonly #now: () => number;
  readonly #layers = new Map<string, PullLayer>();
  /** Bytes downloaded so far per layer (sums the rate). */
  readonly #downloaded = new Map<string, number>();
  readonly #samples: Array<{ at: number; bytes: number }> = [];
  #messages: string[] = [];
  #imageId: string | null = null;
  #done = false;
  #lastFraction: number | null = null;

  constructor(image: string, now: () => number = Date.now) {
    this.#image = image;
    this.#now = now;
  }

  /** Applies one message; returns false when it changed nothing visible. */
  apply(message: PullMessage): boolean {
    const status = message.status?.trim() ?? '';
    if (!status) return false;
    const state = message.id ? STATES.find(([pattern]) => pattern.test(status))?.[1] : undefined;
    if (!message.id || !state) {
      // "Pulling from library/x" carries the tag as its id; digests and the final status have none.
      this.#messages = [...this.#messages, message.id && !/^Pulling from/.test(status) ? `${message.id}: ${status}` : status].slice(-MAX_MESSAGES);
      if (/^Status: /.test(status)) this.#done = true;
      return true;
    }
    const previous = this.#layers.get(message.id);
    const detail = message.progressDetail ?? {};
    const total = typeof detail.total === 'number' && detail.total > 0 ? detail.total : null;
    const current = typeof detail.current === 'number' ? detail.current : null;
    const layer: PullLayer = {
      id: message.id,
      state,
      status,
      current: state === 'downloading' || state === 'extracting' ? current : null,
      // Keep the download size through verify/extract: it is the layer's weight.
      total: state === 'downloading' ? (total ?? previous?.total ?? null) : state === 'extracting' ? (total ?? previous?.total ?? null) : (previous?.total ?? null),
    };
    if (state === 'downloading' && current !== null) {
      const before = this.#downloaded.get(message.id) ?? 0;
      if (current > before) {
        this.#downloaded.set(message.id, current);
        this.#sample();
      }
    } else if ((state === 'downloaded' || state === 'verifying') && previous?.total) {
      this.#downloaded.set(message.id, previous.total);
      this.#sample();
    }
    this.#layers.set(message.id, layer);
    return true;
  }

  /** Called once the stream ended without error. */
  finish(imageId: string | null): void {
    this.#done = true;
    this.#imageId = imageId;
  }

  snapshot(): PullProgress {
    const layers = [...this.#layers.values()];
    return {
      image: this.#image,
      layers,
      fraction: this.#done ? 1 : this.#fraction(layers),
      etaSeconds: this.#done ? 0 : this.#eta(layers),
      bytesPerSecond: this.#rate(),
      messages: this.#messages,
      done: this.#done,
      imageId: this.#imageId,
    };
  }

  /** Layers that already exist cost nothing and are left out; never goes backwards, below 1 until done. */
  #fraction(layers: PullLayer[]): number | null {
    const fetched = layers.filter((l) => l.state !== 'exists');
    if (fetched.length === 0) return this.#lastFraction;
    const known = fetched.filter((l) => l.total !== null);
    const average = known.length > 0 ? known.reduce((sum, l) => sum + (l.total ?? 0), 0) / known.length : 1;
    let weight = 0;
    let done = 0;
    for (const layer of fetched) {
      const w = layer.total ?? average;
      weight += w;
      done += w * layerFraction(layer);
    }
    const fraction = Math.min(0.999, weight > 0 ? done / weight : 0);
    this.#lastFraction = Math.max(this.#lastFraction ?? 0, fraction);
    return this.#lastFraction;
  }

  #sample(): void {
    const at = this.#now();
    let bytes = 0;
    for (const value of this.#downloaded.values()) bytes += value;
    this.#samples.push({ at, bytes });
    while (this.#samples.length > 2 && at - this.#samples[0].at > RATE_WINDOW_MS) this.#samples.shift();
  }

  #rate(): number | null {
    if (this.#samples.length < 2) return null;
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0 ? (last.bytes - first.bytes) / seconds : null;
  }

  #eta(layers: PullLayer[]): number | null {
    const rate = this.#rate();
    if (!rate || rate <= 0) return null;
    // Layers still waiting have no size yet: the ETA covers what is known and says so by growing.
    let remaining = 0;
    for (const layer of layers) {
      if (layer.state === 'waiting' || layer.state === 'downloading') {
        if (layer.total === null) continue;
        remaining += layer.total - (this.#downloaded.get(layer.id) ?? 0);
      }
    }
    return Math.max(0, Math.round(remaining / rate));
  }
}
