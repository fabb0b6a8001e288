import { useRef, useState } from 'react';
import { useDismiss } from '../ui/use-dismiss.ts';

/** Confirms a down: it removes the project's containers and networks, and optionally its volumes. */
export function DownDialog({ project, onCancel, onConfirm }: { project: string; onCancel(): void; onConfirm(volumes: boolean): void }) {
  const [volumes, setVolumes] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  useDismiss(dialogRef, onCancel);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="down-dialog-title">
        <h2 id="down-dialog-title" className="dialog-title">
          Down {project}
        </h2>
        <p>Stops and removes every container and network of the compose project {project}.</p>
        <label className="checkbox-label">
          <input type="checkbox" checked={volumes} onChange={(event) => setVolumes(event.currentTarget.checked)} />
          Also remove its volumes (their data is lost)
        </label>
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={() => onConfirm(volumes)}>
            Down
          </button>
        </div>
      </div>
    </div>
  );
}
