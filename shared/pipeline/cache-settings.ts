import type { CacheSpec } from './schema.ts';
import { durationMs } from './units.ts';

/** A step's `cache` field (or the pipeline default) in one shape: `true`/absent = on, `false` = off. */
export interface CacheSettings {
  enabled: boolean;
  salt: string;
  /** As written (`30d`); absent = no limit. */
  maxAge?: string;
  maxAgeMs?: number;
}

/** The one reading of `cache:` both the local runner and the Argo export use. */
export function normaliseCache(cache: CacheSpec | undefined): CacheSettings {
  if (cache === undefined || cache === true) return { enabled: true, salt: '' };
  if (cache === false) return { enabled: false, salt: '' };
  return { enabled: cache.enabled, salt: cache.salt ?? '', ...(cache.maxAge ? { maxAge: cache.maxAge, maxAgeMs: durationMs(cache.maxAge) } : {}) };
}
