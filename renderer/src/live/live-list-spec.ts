import type { CallMethod, InputOf, StreamMethod } from '../../../shared/api/contract.ts';
import type { LiveListChange } from '../../../shared/domain/live-list.ts';
import type { LiveListShape } from './apply-live-list-change.ts';

/** A list the core keeps live: its list query, its `*.changes` stream, and its shape. */
export interface LiveListSpec<T> extends LiveListShape<T> {
  list: CallMethod;
  input: InputOf<CallMethod>;
  changes: StreamMethod;
  /** Called with each message before it is folded in, with the list as it was (tasks toast here). */
  onChange?(change: LiveListChange<T>, before: readonly T[] | undefined): void;
}

/** Why the live list may be behind: the core's change feed or the page's link to the core dropped. */
export interface StreamProblem {
  /** 'engine': the core lost the engine's /events stream; 'transport': the page lost the core. */
  source: 'engine' | 'transport';
  message: string;
  /** When the next attempt happens (Date.now() based); null when no retry is planned. */
  retryAt: number | null;
}

/** The React Query key a live list lives under: [list method, input], as every query. */
export function liveListKey<T>(spec: LiveListSpec<T>): readonly [CallMethod, unknown] {
  return [spec.list, spec.input] as const;
}
