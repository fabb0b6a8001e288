import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation } from '../api/use-api.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCatalogUi } from './catalog-ui-store.ts';
import { invalidateCatalog } from './use-catalog.ts';

/** "Delete model NAME?" (asked by the command palette): every version leaves the catalog; files stay until `benchtop gc`. */
export function DeleteModelDialog({ name }: { name: string }) {
  const queryClient = useQueryClient();
  const close = () => useCatalogUi.getState().requestDelete(null);
  const remove = useApiMutation('models.delete', {
    toInput: () => ({ name }),
    onSuccess: () => {
      close();
      if (useCatalogUi.getState().model === name) useCatalogUi.getState().selectModel(null);
      return invalidateCatalog(queryClient);
    },
  });
  return (
    <Dialog label={`Delete model ${name}`} title={`Delete model ${name}?`} onClose={close}>
      <p>
        Every version of {name} leaves the catalog with its aliases; version numbers are never reused. The files stay on disk until <code>benchtop gc</code> frees what nothing else uses.
      </p>
      {remove.error && <ErrorAlert error={remove.error} prefix="Could not delete" />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          Delete {name}
        </button>
      </div>
    </Dialog>
  );
}
