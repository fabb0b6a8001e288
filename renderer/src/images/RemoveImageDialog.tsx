import { useMutation } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import { ApiCallError } from '../api/api-call-error.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Dialog } from '../ui/Dialog.tsx';

interface Dependant {
  id: string;
  name: string;
  state: string;
}

/** Remove an image; when containers use it the engine refuses, and the dialog lists them and offers force. */
export function RemoveImageDialog({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const api = useApiClient();
  const remove = useMutation({
    mutationKey: ['images.remove'],
    mutationFn: (force: boolean) => api.call('images.remove', { id: name.startsWith('<none>') ? id : name, force }),
    onSuccess: onClose,
  });
  const error = remove.error;
  const dependants = error instanceof ApiCallError ? ((error.details as { dependants?: Dependant[] } | undefined)?.dependants ?? []) : [];
  const conflict = error instanceof ApiCallError && error.code === 'conflict';

  return (
    <Dialog label="Remove image" onClose={onClose}>
      <h2 className="dialog-title">Remove {name}?</h2>
      <p>This deletes the tag{name.startsWith('<none>') ? '' : ', and the image when no other tag points at it'}. Containers are not touched.</p>
      {error && <ErrorAlert error={error} />}
      {dependants.length > 0 && (
        <ul className="dialog-list" aria-label="Containers using the image">
          {dependants.map((c) => (
            <li key={c.id}>
              <span className="container-name">{c.name}</span> <span className={`badge badge-${c.state}`}>{c.state}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        {conflict ? (
          <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate(true)}>
            Force remove
          </button>
        ) : (
          <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate(false)}>
            Remove
          </button>
        )}
      </div>
    </Dialog>
  );
}
