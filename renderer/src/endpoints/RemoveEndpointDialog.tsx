import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEndpointsUi } from './endpoints-ui-store.ts';

/** "Remove endpoint NAME?": asked by the endpoint's Remove button and by the command palette. */
export function RemoveEndpointDialog({ name }: { name: string }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const close = () => useEndpointsUi.getState().requestRemove(null);
  const remove = useMutation({
    mutationFn: () => api.call('endpoints.remove', { name }),
    onSuccess: () => {
      close();
      if (useEndpointsUi.getState().selected === name) useEndpointsUi.getState().select(null);
    },
    onSettled: () => queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('endpoints.') }),
  });
  return (
    <Dialog label={`Remove endpoint ${name}`} title={`Remove endpoint ${name}?`} onClose={close}>
      <p>Its container stops and goes, and its URL stops answering. The model and its versions stay in the catalog; serve it again at any time.</p>
      {remove.error && <ErrorAlert error={remove.error} prefix="Could not remove the endpoint" />}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          {remove.isPending ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
