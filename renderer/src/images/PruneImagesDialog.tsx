import { useState } from 'react';
import type { PruneMode } from '../../../shared/domain/images.ts';
import { imageDisplayName } from '../../../shared/domain/images.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { useApiMutation, useApiQuery } from '../api/use-api.ts';

/** Prune dangling or unused images after a preview of what goes and the space it frees. */
export function PruneImagesDialog({ onClose }: { onClose(): void }) {
  const [mode, setMode] = useState<PruneMode>('dangling');
  const preview = useApiQuery('images.prunePreview', { mode }, { staleTime: 0, gcTime: 0 });
  const prune = useApiMutation('images.prune', { toInput: () => ({ mode }) });
  const result = prune.data;

  return (
    <Dialog label="Prune images" onClose={onClose} className="dialog-wide">
      <h2 className="dialog-title">Prune images</h2>
      <fieldset className="image-radio-row" disabled={prune.isPending || result !== undefined}>
        <legend className="image-sr-only">Which images</legend>
        <label className="checkbox-label">
          <input type="radio" name="prune-mode" checked={mode === 'dangling'} onChange={() => setMode('dangling')} /> Dangling only (no tag, no container)
        </label>
        <label className="checkbox-label">
          <input type="radio" name="prune-mode" checked={mode === 'unused'} onChange={() => setMode('unused')} /> Every image no container uses
        </label>
      </fieldset>
      {preview.isPending && <p className="loading">Working out what would go…</p>}
      {preview.error && <ErrorAlert error={preview.error} />}
      {preview.data && !result && (
        <>
          <p role="status">
            {preview.data.images.length === 0
              ? 'Nothing to prune.'
              : `${preview.data.images.length} image${preview.data.images.length === 1 ? '' : 's'} would be removed, freeing ${formatBytes(preview.data.spaceReclaimed)}.`}
          </p>
          {preview.data.images.length > 0 && (
            <ul className="dialog-list" aria-label="Images to remove">
              {preview.data.images.map((image) => (
                <li key={image.id}>
                  <span className="mono">{imageDisplayName(image)}</span>
                  <span className="muted" title="Space freed by this image's own layers">
                    {formatBytes(image.reclaimable)}
                    {image.reclaimable === 0 && image.size > 0 ? ' (its layers stay: other images use them)' : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {prune.error && <ErrorAlert error={prune.error} />}
      {result && <p role="status">Freed {formatBytes(result.spaceReclaimed)}: {result.deleted.length} images and layers removed.</p>}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          {result ? 'Close' : 'Cancel'}
        </button>
        {!result && (
          <button type="button" className="button button-danger" disabled={!preview.data || preview.data.images.length === 0 || prune.isPending} onClick={() => prune.mutate()}>
            Prune
          </button>
        )}
      </div>
    </Dialog>
  );
}
