import type { ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';

/** Marker keys that cannot come from a YAML file (a NUL byte starts them). */
const RESET = '\u0000compose:reset';
const OVERRIDE = '\u0000compose:override';

type Marked = Record<string, unknown>;

/**
 * Compose's merge tags: `!reset` removes the value it tags from the merged result, `!override`
 * replaces the earlier value instead of merging with it. They resolve to markers that merge.ts
 * reads; unwrapMarkers() settles whatever is left once every file is merged.
 */
export const mergeTags: (ScalarTag | CollectionTag)[] = [
  { tag: '!reset', resolve: () => ({ [RESET]: true }) },
  { tag: '!reset', collection: 'map', resolve: () => ({ [RESET]: true }) },
  { tag: '!reset', collection: 'seq', resolve: () => ({ [RESET]: true }) },
  { tag: '!override', resolve: (value: string) => ({ [OVERRIDE]: value }) },
  { tag: '!override', collection: 'map', resolve: (map: YAMLMap) => ({ [OVERRIDE]: map.toJSON() }) },
  { tag: '!override', collection: 'seq', resolve: (seq: YAMLSeq) => ({ [OVERRIDE]: seq.toJSON() }) },
] as (ScalarTag | CollectionTag)[];

export const isReset = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as Marked)[RESET] === true;
export const isOverride = (value: unknown): value is Marked => typeof value === 'object' && value !== null && OVERRIDE in value;
export const overridden = (value: Marked): unknown => value[OVERRIDE];

/** Applies fn to the value, or to what an `!override` wraps (keeping the wrapper). */
export function mapMarked(value: unknown, fn: (inner: unknown) => unknown): unknown {
  return isOverride(value) ? { [OVERRIDE]: fn(overridden(value)) } : fn(value);
}

/** Drops `!reset` values and unwraps `!override` ones, all the way down. */
export function unwrapMarkers(value: unknown): unknown {
  if (isOverride(value)) return unwrapMarkers(overridden(value));
  if (Array.isArray(value)) return value.filter((item) => !isReset(item)).map(unwrapMarkers);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (!isReset(item)) out[key] = unwrapMarkers(item);
    return out;
  }
  return value;
}
