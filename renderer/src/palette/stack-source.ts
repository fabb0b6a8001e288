import { useMemo } from 'react';
import { groupStacks } from '../../../shared/domain/compose-stacks.ts';
import { useLiveContainers } from '../containers/use-live-containers.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from './palette-item.ts';

/** Every compose stack on the engine: go to the Stacks page. */
export function useStackItems(): readonly PaletteItem[] {
  const { containers } = useLiveContainers();
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
