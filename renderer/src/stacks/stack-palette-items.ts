import { useMemo } from 'react';
import { groupStacks } from '../../../shared/domain/compose-stacks.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from '../palette/palette-item.ts';

/** Every compose stack on the engine: go to the Stacks page. */
export function useStackItems(): readonly PaletteItem[] {
  const { items: containers } = useLiveList(liveContainers);
  return useMemo(
    () =>
      groupStacks(containers ?? []).map((stack) => ({
        id: `stack:${stack.project}`,
        label: `Go to stack ${stack.project}`,
        group: 'Stacks',
        keywords: `stack compose ${stack.services.join(' ')}`,
        run: () => useUiStore.getState().setPage('stacks'),
      })),
    [containers],
  );
}
