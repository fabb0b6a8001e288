import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation } from '../api/use-api.ts';

/** "Open the examples": workspaces.addExamples, then the folder and file lists refresh. */
export function useOpenExamples(onDone?: (folder: string) => void) {
  const queryClient = useQueryClient();
  return useApiMutation('workspaces.addExamples', {
    onSuccess: (result) => {
      queryClient.setQueryData(['workspaces.list', {}], result.folders);
      void queryClient.invalidateQueries({ queryKey: ['workspaces.files'] });
      onDone?.(result.folder);
    },
  });
}
