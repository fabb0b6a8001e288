import { useState } from 'react';
import { referenceProblem } from '../../../shared/domain/image-reference.ts';
import type { PullLayer } from '../../../shared/domain/images.ts';
import { useApiClient } from '../api/api-context.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { formatEta } from './format-eta.ts';
import { useLongWork } from './long-work-store.ts';

const STATE_TEXT: Record<PullLayer['state'], string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  downloaded: 'Downloaded',
  extracting: 'Extracting',
  complete: 'Pull complete',
  exists: 'Already exists',
};

/** Pull an image: per-layer states, overall percentage and ETA, Cancel. Closing keeps it going. */
export function PullDialog({ onClose }: { onClose(): void }) {
  const api = useApiClient();
  const pull = useLongWork((s) => s.pull);
  const { startPull, cancelPull, clearPull } = useLongWork.getState();
  const [image, setImage] = useState(pull?.image ?? '');
  const problem = image.trim() ? referenceProblem(image.trim()) : null;
  const running = pull?.state === 'running';
  const progress = pull?.progress ?? null;
  const percent = progress?.fraction == null ? null : Math.floor(progress.fraction * 100);

  return (
    <Dialog label="Pull an image" onClose={onClose} className="dialog-wide">
      <h2 className="dialog-title">Pull an image</h2>
      <form
        className="image-form-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!image.trim() || problem) return;
          startPull(api, image.trim());
        }}
      >
        <label className="image-field image-field-grow">
          <span>Image to pull</span>
          <input className="input" value={image} placeholder="python:3.12-slim" onChange={(e) => setImage(e.currentTarget.value)} aria-invalid={problem ? true : undefined} disabled={running} />
        </label>
        <button type="submit" className="button button-primary" disabled={running || !image.trim() || problem !== null}>
          Pull
        </button>
      </form>
      {problem && <p className="image-field-error">The name {problem}.</p>}
      {pull && (
        <section aria-label="Pull progress" className="pull-progress">
          <div className="progress-summary" role="status">
            {pull.state === 'running' && (
              <>
                Pulling {pull.image}: {percent === null ? 'resolving…' : `${percent}%`}
                {progress?.bytesPerSecond ? ` · ${formatBytes(progress.bytesPerSecond)}/s` : ''}
                {progress?.etaSeconds != null && progress.etaSeconds > 0 ? ` · ${formatEta(progress.etaSeconds)}` : ''}
              </>
            )}
            {pull.state === 'succeeded' && `Pulled ${pull.image}.`}
            {pull.state === 'cancelled' && `Cancelled the pull of ${pull.image}.`}
            {pull.state === 'failed' && `The pull of ${pull.image} failed.`}
          </div>
          {(pull.state === 'running' || pull.state === 'succeeded') && (
            <progress className="progress-bar" max={1} value={pull.state === 'succeeded' ? 1 : (progress?.fraction ?? undefined)} aria-label={`Progress of ${pull.image}`} />
          )}
          {progress && progress.layers.length > 0 && (
            <ul className="layer-list" aria-label="Layers">
              {progress.layers.map((layer) => (
                <li key={layer.id} className={`layer layer-${layer.state}`}>
                  <span className="mono">{layer.id}</span>
                  <span>{STATE_TEXT[layer.state]}</span>
                  <span className="muted">{layer.current !== null && layer.total ? `${formatBytes(layer.current)} / ${formatBytes(layer.total)}` : ''}</span>
                </li>
              ))}
            </ul>
          )}
          {pull.error && <ErrorAlert error={pull.error.message} />}
        </section>
      )}
      <div className="dialog-buttons">
        {running ? (
          <button type="button" className="button button-danger" onClick={cancelPull}>
            Cancel pull
          </button>
        ) : (
          pull && (
            <button type="button" className="button" onClick={clearPull}>
              Clear
            </button>
          )
        )}
        <button type="button" className="button" onClick={onClose}>
          {running ? 'Hide (keeps pulling)' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}
