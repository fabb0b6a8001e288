import { describe, expect, it } from 'vitest';
import { formatRoute } from './format-route.ts';
import { parseRoute, pageOfPath } from './parse-route.ts';
import { ROUTES, pageRoute, route, type Route, type RouteName } from './route-table.ts';

/** Parameters that are hard to carry in a path: slashes, dots, spaces, percent signs, non-ASCII. */
const SAMPLES: Record<string, string> = {
  id: '4f1c2d3e4b5a6978',
  tab: 'stats',
  project: 'my.stack',
  file: '/home/ana/pipelines/train model.yaml',
  step: 'train-1',
  run: '20261207-010',
  experiment: '3',
  model: 'iris/classifier v2',
  version: '12',
  set: 'customer_features',
  name: 'fraud%drift',
  column: 'mean radius',
};

const examples: Route[] = ROUTES.map((entry) => {
  if (entry.name === 'home') return pageRoute('home');
  if (entry.name === 'page') return pageRoute('gpus');
  const params = Object.fromEntries(
    entry.pattern
      .split('/')
      .filter((s) => s.startsWith(':'))
      .map((s) => [s.slice(1), SAMPLES[s.slice(1)]]),
  );
  return route(entry.name as Exclude<RouteName, 'home' | 'page'>, params);
});

describe('route table', () => {
  it.each(examples.map((r) => [r.name, r] as const))('%s survives format then parse', (_name, r) => {
    const path = formatRoute(r);
    expect(path.startsWith('/')).toBe(true);
    // One segment per parameter: an encoded parameter never adds a slash.
    expect(path.split('/').length).toBe(r.name === 'home' ? 2 : ROUTES.find((e) => e.name === r.name)!.pattern.split('/').length);
    expect(parseRoute(path)).toEqual(r);
    // And through the browser's URL parser (what location.pathname gives back).
    expect(parseRoute(new URL(path, 'http://127.0.0.1:1').pathname)).toEqual(r);
  });

  it('gives every page without a detail its own address', () => {
    for (const page of ['containers', 'runs', 'models', 'disk', 'schedules']) {
      expect(formatRoute(pageRoute(page))).toBe(`/${page}`);
      expect(parseRoute(`/${page}`)).toEqual(pageRoute(page));
      expect(parseRoute(`/${page}/`)).toEqual(pageRoute(page));
    }
    expect(formatRoute(pageRoute('home'))).toBe('/');
    expect(parseRoute('/home')).toEqual(pageRoute('home'));
  });

  it('reads the documented shapes', () => {
    expect(parseRoute('/runs/20261207-010/steps/train')).toEqual({ name: 'run-step', page: 'runs', params: { run: '20261207-010', step: 'train' } });
    expect(parseRoute('/pipelines/%2Fhome%2Fa%2Fp.yaml')).toEqual({ name: 'pipeline', page: 'pipelines', params: { file: '/home/a/p.yaml' } });
    expect(parseRoute('/models/iris/versions/2')).toEqual({ name: 'model-version', page: 'models', params: { model: 'iris', version: '2' } });
    expect(parseRoute('/runs/compare')?.name).toBe('runs-compare');
    expect(parseRoute('/experiments/runs/abc')).toEqual({ name: 'experiments-run', page: 'experiments', params: { run: 'abc' } });
  });

  it('matches nothing for malformed or unknown addresses, but still names their page', () => {
    expect(parseRoute('/runs/%E0%A4%A')).toBeNull();
    expect(parseRoute('/runs//x')).toBeNull();
    expect(parseRoute('/runs/a/b/c/d/e')).toBeNull();
    expect(pageOfPath('/runs/a/b/c/d/e')).toBe('runs');
    expect(pageOfPath('/')).toBe('home');
  });

  it('refuses to format a route with a missing parameter', () => {
    expect(() => formatRoute(route('run', {}))).toThrow(/needs run/);
  });
});
