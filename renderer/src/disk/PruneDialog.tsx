import { useQueryClient } from '@tanstack/react-query';
import type { PruneScope } from '../../../shared/domain/disk-usage.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

export const SCOPE_LABEL: Record<PruneScope, string> = {
  containers: 'stopped containers',
  images: 'dangling images',
  volumes: 'unused volumes',
  networks: 'unused networks',
  'build-cache': 'build cache',
  all: 'everything unused',
};

/** Shows what a prune would remove and the space it frees, then runs it and says what went. */
export function PruneDialog({ scope, onClose }: { scope: PruneScope; onClose(): void }) {
  const queryClient = useQueryClient();
  // Always fresh: the preview must match what the prune removes now.
  const preview = useApiQuery('system.prunePreview', { scope }, { staleTime: 0, gcTime: 0 });
  const prune = useApiMutation('system.prune', {
    toInput: () => ({ scope }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['system.df'] }),
  });
  const items = preview.data?.items ?? [];

  return (
    <Dialog label="Prune" title={`Prune ${SCOPE_LABEL[scope]}`} onClose={onClose} className="dialog-wide">
      {preview.isPending ? (
        <p role="status">Looking for what can go…</p>
      ) : preview.error ? (
        <ErrorAlert error={preview.error} prefix="Could not preview the prune" />
      ) : prune.data ? (
        <p role="status" className="prune-result">
          Removed {prune.data.removed.length} {prune.data.removed.length === 1 ? 'item' : 'items'}, reclaimed {formatBytes(prune.data.bytesReclaimed)}.
        </p>
      ) : items.length === 0 ? (
        <p role="status">Nothing to prune: no {SCOPE_LABEL[scope]}.</p>
      ) : (
        <>
          <p role="status" className="prune-summary">
            {items.length} {items.length === 1 ? 'item' : 'items'} will be removed, freeing {formatBytes(preview.data?.bytes)}.
          </p>
          <ul className="dialog-list" aria-label="Will be removed">
            {items.map((item) => (
              <li key={`${item.target}/${item.id}`}>
                <span className="badge">{item.target}</span>
                <span className="prune-name">{item.name}</span>
                <span className="muted prune-size">{item.size === null ? '' : formatBytes(item.size)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {prune.error && <ErrorAlert error={prune.error} prefix="Prune failed" />}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          {prune.data ? 'Close' : 'Cancel'}
        </button>
        {!prune.data && (
          <button type="button" className="button button-danger" disabled={items.length === 0 || prune.isPending} onClick={() => prune.mutate()}>
            {prune.isPending ? 'Pruning…' : `Prune ${items.length}`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
