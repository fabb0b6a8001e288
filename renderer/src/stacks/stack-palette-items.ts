import { useMemo } from 'react';
import { groupStacks } from '../../../shared/domain/compose-stacks.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useStacksUiStore } from './stacks-ui-store.ts';

/** Every compose stack on the engine: open it (its merged logs beside its card), or take it down (the page asks first). */
export function useStackItems(): readonly PaletteItem[] {
  const { items: containers } = useLiveList(liveContainers);
  return useMemo(
    () =>
      groupStacks(containers ?? []).flatMap((stack) => {
        const keywords = `stack compose ${stack.services.join(' ')}`;
        return [
          {
            id: `stack:${stack.project}`,
            label: `Open stack ${stack.project}`,
            group: 'Stacks',
            keywords,
            run: () => {
              useStacksUiStore.getState().showMergedLogs(stack.project);
              useUiStore.getState().setPage('stacks');
            },
          },
          {
            id: `stack-down:${stack.project}`,
            label: `Take down stack ${stack.project}…`,
            group: 'Stacks',
            keywords: `${keywords} down remove delete`,
            run: () => {
              useUiStore.getState().setPage('stacks');
              useStacksUiStore.getState().requestDown(stack.project);
            },
          },
        ];
      }),
    [containers],
  );
}
