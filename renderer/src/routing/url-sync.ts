import { useUiStore } from '../state/ui-store.ts';
import { bindingOf, pageBindings } from './bindings/index.ts';
import { formatRoute } from './format-route.ts';
import { pageOfPath, parseRoute } from './parse-route.ts';
import { pageRoute, type Route } from './route-table.ts';

/** The parts of `window` the sync uses (a fake in unit tests). */
export interface BrowserWindowLike {
  location: { pathname: string };
  history: { pushState(data: unknown, unused: string, url: string): void; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

/** A detail that follows its page's push this soon replaces that entry (one Back step, not two). */
const REFINE_WITHIN_MS = 500;

/** The route an address shows: its matching route, else its page without a detail. */
export function routeOfPath(pathname: string): Route {
  return parseRoute(pathname) ?? pageRoute(pageOfPath(pathname));
}

/** The route of the stores as they are: the current page, and that page's detail when it has a binding. */
export function currentRoute(): Route {
  const page = useUiStore.getState().page;
  return bindingOf(page)?.current() ?? pageRoute(page);
}

/** Puts the window's stores in the state of a route (the page, then the page's detail). */
export function applyRoute(route: Route): void {
  if (useUiStore.getState().page !== route.page) useUiStore.getState().setPage(route.page);
  bindingOf(route.page)?.apply(route);
}

/**
 * Keeps the address and the stores in step, both ways. At start and on Back/Forward (popstate) the
 * address is applied to the stores; afterwards every store change that changes the route adds a
 * history entry (pushState), except a detail that follows a bare page by itself (the page's own
 * first choice, or a hand-off's detail right after it opened the page): that replaces the entry, so
 * Back does not land on a page that moves forward again. Returns the stop function.
 */
export function startUrlSync(win: BrowserWindowLike = window, now: () => number = Date.now): () => void {
  let applying = false;
  let lastPushAt = -Infinity;

  const canonical = (pathname: string) => formatRoute(routeOfPath(pathname));

  const applyAddress = () => {
    applying = true;
    try {
      applyRoute(routeOfPath(win.location.pathname));
    } finally {
      applying = false;
    }
    // The stores may refine the address (a trailing slash, a detail that needs its page state).
    const path = formatRoute(currentRoute());
    if (path !== win.location.pathname) win.history.replaceState(null, '', path);
  };

  const onStoreChange = () => {
    if (applying) return;
    const next = currentRoute();
    const path = formatRoute(next);
    if (path === canonical(win.location.pathname)) return;
    const shown = routeOfPath(win.location.pathname);
    // A bare page whose detail follows by itself: the page's own first choice, or a hand-off that
    // opened the page and then its detail ("Open in graph" sets the file in the page's effect).
    const refinement = shown.page === next.page && shown.name === 'page' && (bindingOf(next.page)?.autoSelects === true || now() - lastPushAt < REFINE_WITHIN_MS);
    if (refinement) win.history.replaceState(null, '', path);
    else {
      win.history.pushState(null, '', path);
      lastPushAt = now();
    }
  };

  applyAddress();
  const stores = new Set([useUiStore, ...pageBindings.flatMap((b) => b.stores)]);
  const unsubscribes = [...stores].map((store) => store.subscribe(onStoreChange));
  win.addEventListener('popstate', applyAddress);
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    win.removeEventListener('popstate', applyAddress);
  };
}
