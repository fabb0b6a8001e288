import { useMutation } from '@tanstack/react-query';
import type { StackSummary } from '../../../shared/domain/compose-stacks.ts';
import { ApiCallError } from '../api/api-call-error.ts';
import { useApiClient } from '../api/api-context.tsx';

/** Pull or build a stack's images: the task tray shows each image's progress and cancels it; this settles when all are done. */
export function useStackImages() {
  const api = useApiClient();
  return useMutation({
    mutationFn: ({ stack, verb }: { stack: StackSummary; verb: 'pull' | 'build' }) =>
      new Promise<void>((resolve, reject) => {
        api.subscribe(
          `compose.${verb}`,
          { files: stack.configFiles, projectName: stack.project, profiles: [] },
          () => {},
          (error) => (error ? reject(new ApiCallError(`compose.${verb}`, error)) : resolve()),
        );
      }),
  });
}
