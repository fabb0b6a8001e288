import { useMemo } from 'react';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useRunsUi } from './runs-ui-store.ts';
import { useApiQuery } from '../api/use-api.ts';

/** The 50 latest pipeline runs: open one on the Runs page. */
export function useRunItems(): readonly PaletteItem[] {
  const input = { limit: 50 };
  const runs = useApiQuery('runs.list', input, { staleTime: 10_000 });
  return useMemo(
    () =>
      (runs.data ?? []).map((run) => ({
        id: `run:${run.id}`,
        label: `Open run ${run.name} ${run.id} (${run.state})`,
        group: 'Runs',
        keywords: `run pipeline ${run.pipeline} ${run.name} ${run.state} ${Object.values(run.params).join(' ')}`,
        run: () => {
          useRunsUi.getState().showRun(run.id);
          useUiStore.getState().setPage('runs');
        },
      })),
    [runs.data],
  );
}
