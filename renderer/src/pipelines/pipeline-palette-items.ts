import { useMemo } from 'react';
import { useApiQuery } from '../api/use-api.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { usePipelinesUiStore } from './pipelines-ui-store.ts';

/** Every pipeline file of the workspace folders: open it in the graph. (A file is not removed from here: it is the person's own file.) */
export function usePipelineItems(): readonly PaletteItem[] {
  const files = useApiQuery('workspaces.files', {}, { staleTime: 10_000 });
  return useMemo(
    () =>
      (files.data?.files ?? []).map((file) => ({
        id: `pipeline:${file.file}`,
        label: `Open pipeline ${file.name ?? file.relative}`,
        group: 'Pipelines',
        keywords: `pipeline dag ${file.relative} ${file.file}`,
        run: () => {
          usePipelinesUiStore.getState().open(file.file);
          useUiStore.getState().setPage('pipelines');
        },
      })),
    [files.data],
  );
}
