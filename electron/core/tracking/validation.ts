import { invalid } from './errors.ts';

/** MLflow's limits (mlflow/utils/validation.py, 3.x), enforced before anything is written. */
export const LIMITS = {
  entitiesPerBatch: 1000,
  metricsPerBatch: 1000,
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  batchBytes: 1_000_000,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 8000,
  experimentNameLength: 500,
  experimentTagKeyLength: 250,
  experimentTagValueLength: 20000,
} as const;

const NAME_CHARACTERS = /^[/\w.\- :]*$/;

function normalizePosix(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part === '..' && absolute) continue;
    else parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

function formatValue(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A metric, param or tag key: MLflow's characters, not a path that resolves elsewhere, at most 250 characters. */
export function checkKey(kind: 'Metric name' | 'Param key' | 'Tag key', key: unknown, path: string): string {
  if (typeof key !== 'string' || key === '') {
    throw invalid(`Missing value for required parameter '${path}'.`);
  }
  if (!NAME_CHARACTERS.test(key)) {
    throw invalid(
      `Invalid value ${formatValue(key)} for parameter '${path}' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  const normalized = normalizePosix(key);
  if (normalized !== key || normalized === '.' || normalized.startsWith('..') || normalized.startsWith('/')) {
    throw invalid(
      `Invalid value ${formatValue(key)} for parameter '${path}' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${normalized}'`,
    );
  }
  checkLength(kind, key, LIMITS.keyLength);
  return key;
}

export function checkLength(what: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalid(`${what} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`);
  }
}

export function checkBatchCounts(metrics: number, params: number, tags: number): void {
  const over = (what: string, limit: number, count: number) => {
    if (count > limit) {
      throw invalid(`A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. Please split up ${what} across multiple requests and try again.`);
    }
  };
  over('metrics', LIMITS.metricsPerBatch, metrics);
  over('params', LIMITS.paramsPerBatch, params);
  over('tags', LIMITS.tagsPerBatch, tags);
  over('metrics, params, and tags', LIMITS.entitiesPerBatch, metrics + params + tags);
}

export function checkExperimentName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw invalid(`Invalid experiment name: '${String(name ?? '')}'`);
  checkLength('Experiment name', name, LIMITS.experimentNameLength);
  return name;
}

/** A long given as a number or a decimal string (proto JSON writes int64 either way). */
export function toLong(value: unknown, path: string, fallback?: number): number {
  if (value === undefined || value === null || value === '') {
    if (fallback !== undefined) return fallback;
    throw invalid(`Missing value for required parameter '${path}'.`);
  }
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw invalid(`Invalid value ${formatValue(value)} for parameter '${path}' supplied: must be a long (64-bit integer).`);
  }
  return number;
}

/** A double given as a number or proto JSON's "NaN", "Infinity", "-Infinity". */
export function toDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity' || value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity' || value === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (value === undefined || value === null) throw invalid(`Missing value for required parameter '${path}'.`);
  throw invalid(`Invalid value ${formatValue(value)} for parameter '${path}' supplied: Please specify value as a valid double (64-bit floating point)`);
}
