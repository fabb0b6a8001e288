import type { EndpointState, EndpointTarget } from '../../../shared/serving/endpoint.ts';
import type { Store } from '../store/database.ts';

/** An endpoint as the database keeps it (table serving_endpoints, migration 9). */
export interface EndpointRow {
  name: string;
  model: string;
  target: EndpointTarget;
  port: number;
  imageOverride: string | null;
  gpus: string[];
  state: EndpointState;
  message: string | null;
  version: number | null;
  image: string | null;
  containerId: string | null;
  ownerPid: number | null;
  sampleRate: number;
  createdAt: number;
  updatedAt: number;
}

interface RawRow {
  name: string;
  model: string;
  target_kind: string;
  target_value: string;
  port: number;
  image_override: string | null;
  gpus: string;
  state: string;
  message: string | null;
  version: number | null;
  image: string | null;
  container_id: string | null;
  owner_pid: number | null;
  sample_rate: number;
  created_at: number;
  updated_at: number;
}

function fromRaw(row: RawRow): EndpointRow {
  return {
    name: row.name,
    model: row.model,
    target: row.target_kind === 'alias' ? { kind: 'alias', alias: row.target_value } : { kind: 'version', version: Number(row.target_value) },
    port: row.port,
    imageOverride: row.image_override,
    gpus: JSON.parse(row.gpus) as string[],
    state: row.state as EndpointState,
    message: row.message,
    version: row.version,
    image: row.image,
    containerId: row.container_id,
    ownerPid: row.owner_pid,
    sampleRate: row.sample_rate,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The endpoints of this home: one row each, shared by every process that opens the home. */
export class EndpointStore {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  list(): EndpointRow[] {
    return (this.#store.db.prepare('SELECT * FROM serving_endpoints ORDER BY created_at, name').all() as unknown as RawRow[]).map(fromRaw);
  }

  get(name: string): EndpointRow | null {
    const row = this.#store.db.prepare('SELECT * FROM serving_endpoints WHERE name = ?').get(name) as RawRow | undefined;
    return row ? fromRaw(row) : null;
  }

  insert(row: EndpointRow): void {
    this.#store.db
      .prepare(
        `INSERT INTO serving_endpoints (name, model, target_kind, target_value, port, image_override, gpus, state, message, version, image, container_id, owner_pid, sample_rate, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET model = excluded.model, target_kind = excluded.target_kind, target_value = excluded.target_value, port = excluded.port,
           image_override = excluded.image_override, gpus = excluded.gpus, state = excluded.state, message = excluded.message, version = excluded.version,
           image = excluded.image, container_id = excluded.container_id, owner_pid = excluded.owner_pid, sample_rate = excluded.sample_rate, updated_at = excluded.updated_at`,
      )
      .run(
        row.name,
        row.model,
        row.target.kind,
        row.target.kind === 'alias' ? row.target.alias : String(row.target.version),
        row.port,
        row.imageOverride,
        JSON.stringify(row.gpus),
        row.state,
        row.message,
        row.version,
        row.image,
        row.containerId,
        row.ownerPid,
        row.sampleRate,
        row.createdAt,
        row.updatedAt,
      );
  }

  update(name: string, changes: Partial<Pick<EndpointRow, 'state' | 'message' | 'version' | 'image' | 'containerId' | 'ownerPid' | 'port'>>): void {
    const columns: Record<string, string> = { state: 'state', message: 'message', version: 'version', image: 'image', containerId: 'container_id', ownerPid: 'owner_pid', port: 'port' };
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [key, value] of Object.entries(changes)) {
      sets.push(`${columns[key]} = ?`);
      values.push(value as string | number | null);
    }
    if (sets.length === 0) return;
    this.#store.db.prepare(`UPDATE serving_endpoints SET ${sets.join(', ')}, updated_at = ? WHERE name = ?`).run(...values, Date.now(), name);
  }

  delete(name: string): void {
    this.#store.db.prepare('DELETE FROM serving_endpoints WHERE name = ?').run(name);
  }
}
