import { ROUTES, pageRoute, type Route } from './route-table.ts';

/**
 * The route of an address's path (`/runs/20261207-010/steps/train`), or null when none matches.
 * Parameters are decoded; a path with a malformed escape matches nothing. Pure.
 */
export function parseRoute(pathname: string): Route | null {
  const segments = splitPath(pathname);
  if (segments === null) return null;
  if (segments.length === 0) return pageRoute('home');
  for (const entry of ROUTES) {
    const pattern = splitPattern(entry.pattern);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = segments[i];
      else matched = pattern[i] === segments[i];
    }
    if (!matched) continue;
    if (entry.name === 'page') return params.page === 'home' ? pageRoute('home') : pageRoute(params.page);
    return { name: entry.name, page: entry.page, params };
  }
  return null;
}

/** The page an address belongs to even when no route matches it (its first segment), else home. */
export function pageOfPath(pathname: string): string {
  const first = splitPath(pathname)?.[0];
  return first ?? 'home';
}

function splitPattern(pattern: string): string[] {
  return pattern.split('/').filter((s) => s !== '');
}

/** Decoded, non-empty segments; a trailing slash is ignored; null for a malformed escape or an empty segment. */
function splitPath(pathname: string): string[] | null {
  const raw = pathname.replace(/^\/+/, '').replace(/\/$/, '');
  if (raw === '') return [];
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '') return null;
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      return null;
    }
  }
  return segments;
}
