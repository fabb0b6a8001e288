import type { Route } from './route-table.ts';

/** A zustand store as a binding sees it: something to subscribe to. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Binds one page's stores to its addresses (bindings/<page>.ts). The page keeps its state in its own
 * stores; the binding only translates between them and routes, so the page's code never learns
 * about URLs.
 */
export interface PageBinding {
  page: string;
  /** Puts the page's stores in the state of one of its routes; a bare page route closes its detail. */
  apply(route: Route): void;
  /** The route of the page's stores as they are now. */
  current(): Route;
  /** The stores whose changes may change the address. */
  stores: readonly Subscribable[];
  /**
   * The page picks a first item by itself when none is chosen (Endpoints): that choice replaces the
   * address instead of adding a Back step.
   */
  autoSelects?: boolean;
}
