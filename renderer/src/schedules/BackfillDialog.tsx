import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiQuery } from '../api/use-api.ts';

/** A datetime-local value (local time, minutes) for a Date. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const toIso = (local: string) => {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** From/to and parallelism; lists the ticks it will run (those without a run yet) before the person confirms. */
export function BackfillDialog({ pipeline, onClose, onStarted }: { pipeline: string; onClose(): void; onStarted(count: number): void }) {
  const api = useApiClient();
  const [from, setFrom] = useState(() => localInput(new Date(Date.now() - 86_400_000)));
  const [to, setTo] = useState(() => localInput(new Date()));
  const [parallel, setParallel] = useState(1);
  const range = useDeferredValue({ from: toIso(from), to: toIso(to) });
  const valid = range.from !== null && range.to !== null && range.from < range.to;
  const input = { pipeline, next: 0, ...(valid ? { from: range.from as string, to: range.to as string } : {}) };
  const preview = useApiQuery('schedules.ticks', input, { enabled: valid });
  const ticks = preview.data?.backfill ?? [];
  const backfill = useMutation({
    mutationFn: async () => {
      // The call resolves only when every backfill run has ended (they show up live on the Runs page);
      // a refusal comes at once, so wait briefly for one before closing.
      const done = api.call('schedules.backfill', { pipeline, from: range.from as string, to: range.to as string, parallel });
      done.catch(() => undefined);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 800))]);
      return ticks.length;
    },
    onSuccess: onStarted,
  });
  return (
    <Dialog label="Backfill" title={`Backfill ${pipeline}`} onClose={onClose} className="backfill-dialog">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid && ticks.length > 0) backfill.mutate();
        }}
      >
        <p>One run for each tick in the range that has no run yet, oldest first.</p>
        <div className="backfill-range">
          <label className="field">
            <span>From (after)</span>
            <input className="input" type="datetime-local" aria-label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label className="field">
            <span>To (up to and including)</span>
            <input className="input" type="datetime-local" aria-label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </label>
          <label className="field">
            <span>Runs at once</span>
            <input className="input" type="number" min={1} max={32} aria-label="Parallelism" value={parallel} onChange={(e) => setParallel(Math.min(32, Math.max(1, Number(e.currentTarget.value) || 1)))} />
          </label>
        </div>
        {!valid && <p className="run-param-error">Choose a start before the end.</p>}
        {preview.error && <ErrorAlert error={preview.error} prefix="Could not list the ticks" />}
        {valid && preview.data && (
          <div className="backfill-preview" aria-label="Ticks to run">
            <p>
              {ticks.length === 0 ? 'No tick in this range lacks a run: nothing to backfill.' : `${ticks.length} run${ticks.length === 1 ? '' : 's'} will start, for these ticks:`}
            </p>
            <ol className="tick-list">
              {ticks.slice(0, 50).map((tick) => (
                <li key={tick}>
                  <time dateTime={tick}>{new Date(tick).toLocaleString()}</time>
                </li>
              ))}
            </ol>
            {ticks.length > 50 && <p className="muted">…and {ticks.length - 50} more.</p>}
          </div>
        )}
        {backfill.error && <ErrorAlert error={backfill.error} prefix="Could not backfill" />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!valid || ticks.length === 0 || backfill.isPending}>
            {ticks.length > 0 ? `Run ${ticks.length} backfill run${ticks.length === 1 ? '' : 's'}` : 'Backfill'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
