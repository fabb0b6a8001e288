import type { QueryClient } from '@tanstack/react-query';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { ApiClient } from '../api/client.ts';
import { createLiveListCacheWriter, type LiveListCacheWriter } from './live-list-cache.ts';
import { liveListKey, type LiveListSpec, type StreamProblem } from './live-list-spec.ts';

/** How long after its stream ended a list opens it again. */
export const LIVE_LIST_REOPEN_MS = 3000;

type ProblemListener = (problem: StreamProblem | null) => void;

interface Feed {
  listeners: Set<ProblemListener>;
  problem: StreamProblem | null;
  stop(): void;
}

// Per QueryClient (one per window; tests make their own), per API client, per spec.
const writers = new WeakMap<QueryClient, Map<LiveListSpec<unknown>, LiveListCacheWriter<unknown>>>();
const feeds = new WeakMap<QueryClient, WeakMap<ApiClient, Map<LiveListSpec<unknown>, Feed>>>();

/** The one cache writer of a list: the stream's messages and the list call's guard share its count. */
export function liveListWriter<T>(queryClient: QueryClient, spec: LiveListSpec<T>): LiveListCacheWriter<T> {
  let byClient = writers.get(queryClient);
  if (!byClient) writers.set(queryClient, (byClient = new Map()));
  let writer = byClient.get(spec as LiveListSpec<unknown>);
  if (!writer) byClient.set(spec as LiveListSpec<unknown>, (writer = createLiveListCacheWriter<unknown>(queryClient, liveListKey(spec), spec as LiveListSpec<unknown>)));
  return writer as LiveListCacheWriter<T>;
}

/**
 * Joins the list's `*.changes` stream: the first user opens it, the others share it (Home's tiles,
 * a page and the palette show the same list), the last one to leave closes it. Each message is
 * folded into the cache once and `spec.onChange` runs once. `onProblem` hears why the list may be
 * behind, at once with the current state. Returns how to leave.
 */
export function joinLiveListFeed<T>(api: ApiClient, queryClient: QueryClient, spec: LiveListSpec<T>, onProblem: ProblemListener): () => void {
  let byApi = feeds.get(queryClient);
  if (!byApi) feeds.set(queryClient, (byApi = new WeakMap()));
  let bySpec = byApi.get(api);
  if (!bySpec) byApi.set(api, (bySpec = new Map()));
  const key = spec as LiveListSpec<unknown>;
  let feed = bySpec.get(key);
  if (!feed) {
    feed = openFeed(api, queryClient, spec);
    bySpec.set(key, feed);
  }
  const joined = feed;
  joined.listeners.add(onProblem);
  onProblem(joined.problem);
  return () => {
    if (!joined.listeners.delete(onProblem) || joined.listeners.size > 0) return;
    joined.stop();
    if (bySpec.get(key) === joined) bySpec.delete(key);
  };
}

function openFeed<T>(api: ApiClient, queryClient: QueryClient, spec: LiveListSpec<T>): Feed {
  const writer = liveListWriter(queryClient, spec);
  const key = liveListKey(spec);
  let stopped = false;
  let close: () => void = () => {};
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  const feed: Feed = {
    listeners: new Set(),
    problem: null,
    stop() {
      stopped = true;
      if (reopenTimer !== null) clearTimeout(reopenTimer);
      close();
    },
  };
  const report = (problem: StreamProblem | null) => {
    feed.problem = problem;
    for (const listener of feed.listeners) listener(problem);
  };
  const open = () => {
    close = api.subscribe(
      spec.changes,
      {},
      (value) => {
        const change = value as LiveListChange<T>;
        if (change.type === 'disconnected') {
          report({ source: 'engine', message: change.message, retryAt: Date.now() + change.retryInMs });
          return;
        }
        if (change.type === 'snapshot' && feed.problem !== null) report(null);
        spec.onChange?.(change, queryClient.getQueryData<T[]>(key));
        writer.apply(change);
      },
      (error) => {
        if (stopped) return;
        // The core ended the stream (engine gone, or an error): say so and open it again later.
        report({ source: 'engine', message: error ? error.message : 'The engine event stream ended.', retryAt: Date.now() + LIVE_LIST_REOPEN_MS });
        reopenTimer = setTimeout(open, LIVE_LIST_REOPEN_MS);
      },
      { onInterrupted: (info) => report({ source: 'transport', message: info.message, retryAt: Date.now() + info.retryInMs }) },
    );
  };
  open();
  return feed;
}
