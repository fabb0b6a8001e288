import { artifactRoutes } from './artifact-routes.ts';
import { experimentRoutes } from './experiment-routes.ts';
import { loggedModelRoutes } from './logged-model-routes.ts';
import { registryRoutes } from './registry-routes.ts';
import type { Route } from './route-types.ts';
import { runRoutes } from './run-routes.ts';

/** Where MLflow's REST API lives: the public prefix and the one its web UI uses. */
export const API_PREFIXES = ['/api/2.0', '/ajax-api/2.0'] as const;

export const ALL_ROUTES: readonly Route[] = [...experimentRoutes, ...runRoutes, ...loggedModelRoutes, ...artifactRoutes, ...registryRoutes];

interface Compiled {
  route: Route;
  segments: string[];
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodMismatch: true } | null;

/** Matches `METHOD /prefix/path` against the routes: `{name}` takes one segment, `{*name}` the rest. */
export class Router {
  readonly #compiled: Compiled[];

  constructor(routes: readonly Route[] = ALL_ROUTES) {
    this.#compiled = routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }));
  }

  match(method: string, pathname: string): RouteMatch {
    const prefix = API_PREFIXES.find((p) => pathname.startsWith(`${p}/`));
    if (!prefix) return null;
    const parts = pathname.slice(prefix.length).split('/').filter(Boolean);
    let mismatch = false;
    for (const { route, segments } of this.#compiled) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method) return { route, params };
      mismatch = true;
    }
    return mismatch ? { methodMismatch: true } : null;
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith('{*')) {
      if (i >= parts.length) return null;
      params[segment.slice(2, -1)] = parts.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    if (i >= parts.length) return null;
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeURIComponent(parts[i]);
    else if (segment !== parts[i]) return null;
  }
  return parts.length === segments.length ? params : null;
}
