import type { ApiClient } from '../api/client.ts';
import { useOpenRun } from '../pipelines/open-run.ts';
import { useUiStore } from '../state/ui-store.ts';

/** Shows a run on the Pipelines page (the hand-off contract of pipelines/open-run.ts). */
export async function openRunOnPipelines(api: ApiClient, runId: string): Promise<void> {
  const file = await api
    .call('runs.get', { id: runId })
    .then((run) => run.file)
    .catch(() => null);
  useOpenRun.getState().openRun(runId, file);
  useUiStore.getState().setPage('pipelines');
}
