import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiMutation } from '../api/use-api.ts';

/** Confirms removing a volume; when a container uses it the core refuses, naming it, and this says so. */
export function RemoveVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const remove = useApiMutation('volumes.remove', { toInput: () => ({ name, force: false }), onSuccess: onClose });
  return (
    <Dialog label="Remove volume" title={`Remove volume ${name}?`} onClose={onClose}>
      <p>Its files are deleted for good.</p>
      {remove.error && <ErrorAlert error={remove.error} />}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          Remove
        </button>
      </div>
    </Dialog>
  );
}
