import { useQueryClient } from '@tanstack/react-query';
import { ApiCallError } from '../api/api-call-error.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useApiMutation } from '../api/use-api.ts';

/** The folder to offer when a file was opened (from a run or a model's lineage) outside every workspace folder. */
function outsideWorkspaceFolder(error: unknown): string | null {
  if (!(error instanceof ApiCallError) || typeof error.details !== 'object' || error.details === null) return null;
  const folder = (error.details as { outsideWorkspace?: unknown }).outsideWorkspace;
  return typeof folder === 'string' ? folder : null;
}

/** Why a pipeline file could not be opened; when it lies outside the workspace folders, one click adds its folder and opens it. */
export function LoadErrorAlert({ error, file }: { error: unknown; file: string }) {
  const queryClient = useQueryClient();
  const folder = outsideWorkspaceFolder(error);
  const add = useApiMutation('workspaces.add', {
    toInput: (path: string) => ({ path }),
    onSuccess: async (list) => {
      queryClient.setQueryData(['workspaces.list', {}], list);
      await queryClient.invalidateQueries({ queryKey: ['workspaces.files'] });
      await queryClient.resetQueries({ queryKey: ['workspaces.readFile', { file }] });
    },
  });
  return (
    <div className="pipeline-load-error">
      <ErrorAlert error={add.error ?? error} />
      {folder !== null && (
        <button type="button" className="button button-small button-primary" disabled={add.isPending} onClick={() => add.mutate(folder)}>
          Add {folder} as a workspace folder
        </button>
      )}
    </div>
  );
}
