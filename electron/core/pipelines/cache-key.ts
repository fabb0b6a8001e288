import { createHash } from 'node:crypto';

/** What a step's cache key is made of (docs/ARCHITECTURE.md §6.3). Kept with the step so "why not cached?" can diff it. */
export interface CacheFields {
  imageDigest: string;
  command: string[];
  args: string[];
  /** Non-secret environment (every env the file declares: secrets are not in the file). */
  env: Record<string, string>;
  /** Values of the run params this step reads. */
  params: Record<string, string>;
  /** Input artifact name → content digest. */
  inputs: Record<string, string>;
  /** The step's output declarations. */
  outputs: unknown;
  salt: string;
}

/** JSON with object keys sorted, so equal fields always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function cacheKey(fields: CacheFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

const FIELD_WORDS: Record<keyof CacheFields, string> = {
  imageDigest: 'the image',
  command: 'the command',
  args: 'the args',
  env: 'the environment',
  params: 'the params',
  inputs: 'the input artifacts',
  outputs: 'the output declarations',
  salt: 'the cache salt',
};

/** Which key fields differ between two computations, in words ("the args", "input artifact data"). */
export function differingFields(current: CacheFields, previous: Partial<CacheFields>): string[] {
  const changed: string[] = [];
  for (const field of Object.keys(FIELD_WORDS) as (keyof CacheFields)[]) {
    if (canonicalJson(current[field]) === canonicalJson(previous[field])) continue;
    if (field === 'inputs' || field === 'params' || field === 'env') {
      const now = current[field];
      const before = (previous[field] ?? {}) as Record<string, string>;
      const names = [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((name) => now[name] !== before[name]).sort();
      const noun = field === 'inputs' ? 'input artifact' : field === 'params' ? 'param' : 'env';
      changed.push(...names.map((name) => `${noun} ${name}`));
    } else changed.push(FIELD_WORDS[field]);
  }
  return changed;
}
