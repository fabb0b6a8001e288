import { useEffect, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { useDismiss } from '../ui/use-dismiss.ts';

export interface RemoveContainersDialogProps {
  containers: readonly ContainerSummary[];
  onConfirm(force: boolean): void;
  onCancel(): void;
}

/**
 * Confirms removing one or more containers. Running ones are only removed with force when the
 * person ticks the box; otherwise the engine refuses and its conflict message is shown.
 */
export function RemoveContainersDialog({ containers, onConfirm, onCancel }: RemoveContainersDialogProps) {
  const [force, setForce] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const running = containers.filter((c) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused');

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useDismiss(dialogRef, onCancel);

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Remove containers"
        aria-describedby="remove-dialog-text"
        className="dialog"
        ref={dialogRef}
      >
        <h2 className="dialog-title">Remove {containers.length === 1 ? 'container' : `${containers.length} containers`}?</h2>
        <p id="remove-dialog-text">This deletes the container and its writable layer. Named volumes are kept.</p>
        <ul className="dialog-list">
          {containers.map((c) => (
            <li key={c.id}>
              <span className="container-name">{c.name}</span> <span className={`badge badge-${c.state}`}>{c.state}</span>
            </li>
          ))}
        </ul>
        <label className="checkbox-label">
          <input type="checkbox" checked={force} onChange={(event) => setForce(event.currentTarget.checked)} />
          Force remove running containers
        </label>
        {running.length > 0 && !force && (
          <p className="dialog-hint">
            {running.length === 1 ? '1 container is' : `${running.length} containers are`} running: without force the engine will refuse to remove{' '}
            {running.length === 1 ? 'it' : 'them'}.
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" ref={cancelRef} className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={() => onConfirm(force)}>
            Remove
          </button>
        </div>
      </div>
    </div>
  );
}
