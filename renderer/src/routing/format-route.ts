import { ROUTES, type Route } from './route-table.ts';

/** The address path of a route (`/models/iris/versions/2`): every parameter one percent-encoded segment. Pure. */
export function formatRoute(route: Route): string {
  if (route.name === 'home') return '/';
  if (route.name === 'page') return `/${encodeURIComponent(route.page)}`;
  const entry = ROUTES.find((r) => r.name === route.name);
  if (!entry) throw new Error(`Unknown route ${route.name}`);
  const path = entry.pattern
    .split('/')
    .filter((s) => s !== '')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment;
      const value = route.params[segment.slice(1)];
      if (value === undefined || value === '') throw new Error(`Route ${route.name} needs ${segment.slice(1)}`);
      return encodeURIComponent(value);
    });
  return `/${path.join('/')}`;
}
