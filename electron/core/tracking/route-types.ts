import type { IncomingMessage } from 'node:http';
import type { Access } from './access.ts';
import type { ArtifactStore } from './artifact-store.ts';
import type { KeyValue, Metric } from './entities.ts';
import { invalid } from './errors.ts';
import type { Registry } from './registry.ts';
import type { TrackingStore } from './tracking-store.ts';

/** A file to stream back instead of JSON (artifact downloads). */
export interface FileReply {
  file: string;
  size: number;
  name: string;
}

export interface RouteContext {
  input: Input;
  /** `{name}` segments of the route, and `path` for the artifacts' catch-all. */
  params: Record<string, string>;
  access: Access;
  tracking: TrackingStore;
  artifacts: ArtifactStore;
  registry: Registry;
  request: IncomingMessage;
}

export type RouteHandler = (context: RouteContext) => unknown;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Under the API prefix, e.g. `/mlflow/runs/create`, `/mlflow/logged-models/{model_id}`, `/mlflow-artifacts/artifacts/{*path}`. */
  path: string;
  handler: RouteHandler;
  /** The body is the raw upload, not JSON. */
  rawBody?: boolean;
}

type Value = unknown;

/**
 * A request's fields: the JSON body (POST, PATCH, DELETE) over the query string (GET, and DELETE
 * as some clients send it). Query values are strings and repeat for lists, as `requests` encodes
 * proto GET requests.
 */
export class Input {
  readonly #fields: Record<string, Value>;

  constructor(fields: Record<string, Value>) {
    this.#fields = fields;
  }

  raw(name: string): Value {
    return this.#fields[name];
  }

  has(name: string): boolean {
    const value = this.#fields[name];
    return value !== undefined && value !== null;
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw invalid(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);
    return value;
  }

  optionalString(name: string): string | undefined {
    let value = this.#fields[name];
    if (Array.isArray(value)) value = value[0];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalid(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected a string.`);
  }

  optionalInteger(name: string): number | undefined {
    const text = this.optionalString(name);
    if (text === undefined || text === '') return undefined;
    if (!/^-?\d+$/.test(text)) throw invalid(`Invalid value ${JSON.stringify(text)} for parameter '${name}' supplied: expected an integer.`);
    return Number(text);
  }

  boolean(name: string): boolean {
    const text = this.optionalString(name);
    return text !== undefined && ['true', '1'].includes(text.toLowerCase());
  }

  strings(name: string): string[] {
    const value = this.#fields[name];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw invalid(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected a list of strings.`);
      return String(v);
    });
  }

  objects(name: string): Record<string, unknown>[] {
    const value = this.#fields[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
      throw invalid(`Invalid value ${JSON.stringify(value).slice(0, 200)} for parameter '${name}' supplied: expected a list of objects.`);
    }
    return value as Record<string, unknown>[];
  }

  keyValues(name: string): KeyValue[] {
    return this.objects(name).map((o, i) => {
      if (typeof o.key !== 'string') throw invalid(`Missing value for required parameter '${name}[${i}].key'.`);
      const value = o.value;
      return { key: o.key, value: value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value) };
    });
  }
}

/** A metric for proto JSON: NaN and ±Infinity as the strings protobuf writes. */
export function metricJson<T extends Metric>(metric: T): Omit<T, 'value'> & { value: number | string } {
  const v = metric.value;
  if (Number.isFinite(v)) return metric;
  return { ...metric, value: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' };
}
