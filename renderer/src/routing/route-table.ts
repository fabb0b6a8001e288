/**
 * Every address of the app: one line per route, most specific first. A pattern's `:name` segments
 * are parameters (any text, one path segment, percent-encoded in the address); the rest are literal.
 * `page` is the page id of shell/pages.tsx the route shows.
 */
export const ROUTES = [
  { name: 'home', page: 'home', pattern: '/' },
  { name: 'container', page: 'containers', pattern: '/containers/:id' },
  { name: 'container-tab', page: 'containers', pattern: '/containers/:id/:tab' },
  { name: 'stack', page: 'stacks', pattern: '/stacks/:project' },
  { name: 'environment', page: 'environments', pattern: '/environments/:id' },
  { name: 'pipeline', page: 'pipelines', pattern: '/pipelines/:file' },
  { name: 'pipeline-step', page: 'pipelines', pattern: '/pipelines/:file/steps/:step' },
  { name: 'runs-compare', page: 'runs', pattern: '/runs/compare' },
  { name: 'run', page: 'runs', pattern: '/runs/:run' },
  { name: 'run-step', page: 'runs', pattern: '/runs/:run/steps/:step' },
  { name: 'experiments-run', page: 'experiments', pattern: '/experiments/runs/:run' },
  { name: 'experiment', page: 'experiments', pattern: '/experiments/:experiment' },
  { name: 'experiment-run', page: 'experiments', pattern: '/experiments/:experiment/runs/:run' },
  { name: 'model', page: 'models', pattern: '/models/:model' },
  { name: 'model-version', page: 'models', pattern: '/models/:model/versions/:version' },
  { name: 'feature-set', page: 'features', pattern: '/features/:set' },
  { name: 'endpoint', page: 'endpoints', pattern: '/endpoints/:name' },
  { name: 'monitor', page: 'monitoring', pattern: '/monitoring/:name' },
  { name: 'monitor-column', page: 'monitoring', pattern: '/monitoring/:name/columns/:column' },
  /** Any page without a detail: /containers, /runs, /gpus… (the page id is the first segment). */
  { name: 'page', page: ':page', pattern: '/:page' },
] as const;

export type RouteName = (typeof ROUTES)[number]['name'];

/** A parsed address: which route, its parameters (decoded), and the page it shows. */
export interface Route {
  name: RouteName;
  page: string;
  params: Readonly<Record<string, string>>;
}

/** The route of a page with no detail open. */
export function pageRoute(page: string): Route {
  return page === 'home' ? { name: 'home', page: 'home', params: {} } : { name: 'page', page, params: { page } };
}

/** A route by name with its parameters (the page comes from the table). */
export function route(name: Exclude<RouteName, 'page' | 'home'>, params: Record<string, string>): Route {
  const entry = ROUTES.find((r) => r.name === name);
  if (!entry) throw new Error(`Unknown route ${name}`);
  return { name, page: entry.page, params };
}
