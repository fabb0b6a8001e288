import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-call-error.ts';

/** A Home section's body for one query: a loading line, its own error (the other sections go on), or the data. */
export function QueryBody<T>({ query, what, children }: { query: { data: T | undefined; error: unknown; isPending: boolean }; what: string; children(data: T): ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
    return (
      <p className="tile-note tile-warning" role="alert">
        Could not read {what}: {errorMessage(query.error)}
      </p>
    );
  }
  return <p className="muted">Reading {what}…</p>;
}
