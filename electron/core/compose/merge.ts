import { isOverride, isReset, overridden } from './merge-tags.ts';

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose list form is really a map (`- KEY=value`, `- name`): merged as maps. */
const LIST_OR_DICT = new Set(['environment', 'labels', 'extra_hosts', 'sysctls', 'depends_on', 'networks', 'ulimits']);
/** Keys a later file replaces outright. */
const REPLACED = new Set(['command', 'entrypoint', 'healthcheck', 'env_file', 'profiles', 'dns', 'dns_search', 'tmpfs']);
/** Lists merged by a key inside each item, the later winning. */
const LIST_KEYED: Record<string, (item: unknown) => string> = {
  ports: (item) => JSON.stringify(item),
  expose: (item) => String(item),
  volumes: (item) => (typeof item === 'string' ? (item.split(':')[1] ?? item) : String((item as Dict).target)),
  devices: (item) => (typeof item === 'string' ? item.split(':')[1] ?? item : String((item as Dict).target ?? (item as Dict).source)),
  secrets: (item) => (typeof item === 'string' ? item : String((item as Dict).source)),
  configs: (item) => (typeof item === 'string' ? item : String((item as Dict).source)),
};

/** `[a=1, b]` → `{a: '1', b: null}`; `[svc]` → `{svc: {condition: service_started}}` for depends_on. */
export function listToDict(key: string, value: unknown): Dict {
  if (!Array.isArray(value)) return isDict(value) ? value : {};
  const out: Dict = {};
  for (const item of value) {
    const text = String(item);
    if (key === 'depends_on') out[text] = { condition: 'service_started', required: true };
    else if (key === 'networks') out[text] = null;
    else if (key === 'extra_hosts') {
      const at = text.search(/[=:]/);
      if (at === -1) out[text] = null;
      else out[text.slice(0, at)] = text.slice(at + 1);
    } else {
      const eq = text.indexOf('=');
      if (eq === -1) out[text] = null;
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    }
  }
  return out;
}

/** `!reset` removes the key, `!override` replaces it without merging; true when the value was one of them. */
function settleTag(result: Dict, key: string, value: unknown): boolean {
  if (isReset(value)) delete result[key];
  else if (isOverride(value)) result[key] = overridden(value);
  else return false;
  return true;
}

/** Merges one service definition over another as the Compose Specification's merge rules say. */
export function mergeService(base: Dict, override: Dict): Dict {
  const result: Dict = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (settleTag(result, key, value)) continue;
    const previous = result[key];
    if (previous === undefined || value === null || REPLACED.has(key)) result[key] = value;
    else if (LIST_OR_DICT.has(key)) result[key] = mergeDicts(listToDict(key, previous), listToDict(key, value));
    else if (key in LIST_KEYED && Array.isArray(previous) && Array.isArray(value)) {
      const keyOf = LIST_KEYED[key];
      const merged = new Map<string, unknown>();
      for (const item of [...previous, ...value]) merged.set(keyOf(item), item);
      result[key] = [...merged.values()];
    } else if (key === 'build' && (typeof previous === 'string' || typeof value === 'string')) {
      const asDict = (b: unknown) => (typeof b === 'string' ? { context: b } : (b as Dict));
      result[key] = mergeDicts(asDict(previous), asDict(value));
    } else if (isDict(previous) && isDict(value)) result[key] = mergeDicts(previous, value);
    else if (Array.isArray(previous) && Array.isArray(value)) result[key] = [...previous, ...value];
    else result[key] = value;
  }
  return result;
}

/** Maps merge by key, recursively; anything else: the later value wins. */
export function mergeDicts(base: Dict, override: Dict): Dict {
  const result: Dict = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (settleTag(result, key, value)) continue;
    const previous = result[key];
    result[key] = isDict(previous) && isDict(value) ? mergeDicts(previous, value) : value;
  }
  return result;
}

/** Merges whole files: services by the service rules, the other sections as maps. */
export function mergeComposeFiles(base: Dict, override: Dict): Dict {
  const result: Dict = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (settleTag(result, key, value)) continue;
    if (key === 'services' && isDict(value)) {
      const services: Dict = { ...(isDict(base.services) ? base.services : {}) };
      for (const [name, definition] of Object.entries(value)) {
        if (settleTag(services, name, definition)) continue;
        const previous = services[name];
        services[name] = isDict(previous) && isDict(definition) ? mergeService(previous, definition) : definition;
      }
      result.services = services;
    } else if (isDict(value) && isDict(result[key])) result[key] = mergeDicts(result[key] as Dict, value);
    else result[key] = value;
  }
  return result;
}

export { isDict };
export type { Dict };
