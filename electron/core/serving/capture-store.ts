import type { CaptureRecord } from '../../../shared/serving/endpoint.ts';
import type { Store } from '../store/database.ts';

/** A request body over this is captured without its input (and output): `truncated`. */
export const CAPTURE_MAX_BYTES = 256 * 1024;
/** Rows kept per endpoint; older ones are dropped as new ones arrive. */
export const CAPTURE_MAX_ROWS = 20_000;
const FLUSH_MS = 250;

export interface CaptureEntry {
  endpoint: string;
  requestId: string;
  time: number;
  version: number | null;
  status: number;
  latencyMs: number;
  contentType: string | null;
  input: string | null;
  output: string | null;
  truncated: boolean;
}

/**
 * The capture of every endpoint (table serving_captures): sampled requests and their responses,
 * written in batches off the request path (every 250 ms, one transaction), capped per record and
 * per endpoint.
 */
export class CaptureStore {
  static readonly #byStore = new WeakMap<Store, CaptureStore>();

  /** One per database, so a reader in the same process also sees entries not yet flushed. */
  static for(store: Store): CaptureStore {
    let found = CaptureStore.#byStore.get(store);
    if (!found) {
      found = new CaptureStore(store);
      CaptureStore.#byStore.set(store, found);
    }
    return found;
  }

  readonly #store: Store;
  #pending: CaptureEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sinceTrim = 0;

  private constructor(store: Store) {
    this.#store = store;
  }

  /** Queues one request/response pair (sampling is the caller's); bodies over the cap are dropped. */
  add(entry: Omit<CaptureEntry, 'truncated' | 'input' | 'output'> & { input: Buffer; output: Buffer }): void {
    const truncated = entry.input.length > CAPTURE_MAX_BYTES || entry.output.length > CAPTURE_MAX_BYTES;
    this.#pending.push({
      ...entry,
      input: truncated ? null : entry.input.toString('utf8'),
      output: truncated ? null : entry.output.toString('utf8'),
      truncated,
    });
    this.#timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const insert = this.#store.db.prepare(
      'INSERT INTO serving_captures (endpoint, request_id, time, version, status, latency_ms, content_type, input, output, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    try {
      this.#store.transaction(() => {
        for (const e of batch) insert.run(e.endpoint, e.requestId, e.time, e.version, e.status, e.latencyMs, e.contentType, e.input, e.output, e.truncated ? 1 : 0);
      });
    } catch {
      return; // the database is closing or busy: a capture is a sample, losing one batch is acceptable
    }
    this.#sinceTrim += batch.length;
    if (this.#sinceTrim >= 500) {
      this.#sinceTrim = 0;
      for (const endpoint of new Set(batch.map((e) => e.endpoint))) this.trim(endpoint);
    }
  }

  trim(endpoint: string, keep = CAPTURE_MAX_ROWS): void {
    this.#store.db
      .prepare('DELETE FROM serving_captures WHERE endpoint = ? AND id <= (SELECT id FROM serving_captures WHERE endpoint = ? ORDER BY id DESC LIMIT 1 OFFSET ?)')
      .run(endpoint, endpoint, keep);
  }

  recent(endpoint: string, limit: number): CaptureRecord[] {
    this.flush();
    return (
      this.#store.db
        .prepare('SELECT request_id, time, version, status, latency_ms, content_type, input, output, truncated FROM serving_captures WHERE endpoint = ? ORDER BY id DESC LIMIT ?')
        .all(endpoint, limit) as unknown as RawCapture[]
    ).map(toRecord);
  }

  range(endpoint: string, sinceMs: number, untilMs: number): CaptureRecord[] {
    this.flush();
    return (
      this.#store.db
        .prepare('SELECT request_id, time, version, status, latency_ms, content_type, input, output, truncated FROM serving_captures WHERE endpoint = ? AND time >= ? AND time < ? ORDER BY time, id')
        .all(endpoint, sinceMs, untilMs) as unknown as RawCapture[]
    ).map(toRecord);
  }

  deleteEndpoint(endpoint: string): void {
    this.flush();
    this.#store.db.prepare('DELETE FROM serving_captures WHERE endpoint = ?').run(endpoint);
  }

  close(): void {
    this.flush();
  }
}

interface RawCapture {
  request_id: string;
  time: number;
  version: number | null;
  status: number;
  latency_ms: number;
  content_type: string | null;
  input: string | null;
  output: string | null;
  truncated: number;
}

function toRecord(row: RawCapture): CaptureRecord {
  return {
    requestId: row.request_id,
    time: row.time,
    version: row.version,
    status: row.status,
    latencyMs: row.latency_ms,
    contentType: row.content_type,
    input: row.input,
    output: row.output,
    truncated: row.truncated === 1,
  };
}
