import { useMemo } from 'react';
import { liveVolumes } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useVolumesUi } from './volumes-ui.ts';

/** The Volumes page's actions in the palette: create a volume. */
export function useVolumeActions(): readonly PaletteItem[] {
  return CREATE_VOLUME;
}

const CREATE_VOLUME: readonly PaletteItem[] = [
  {
    id: 'create-volume',
    label: 'Create volume…',
    group: 'Actions',
    keywords: 'new volume add',
    run: () => {
      useUiStore.getState().setPage('volumes');
      useVolumesUi.getState().setCreating(true);
    },
  },
];

/** Every volume: go to it on the Volumes page. */
export function useVolumeItems(): readonly PaletteItem[] {
  const { items } = useLiveList(liveVolumes);
  return useMemo(
    () =>
      (items ?? []).map((v) => ({
        id: `volume:${v.name}`,
        label: `Go to volume ${v.name}`,
        group: 'Volumes',
        keywords: `volume ${v.driver} ${v.usedBy.map((u) => u.name).join(' ')}`,
        run: () => {
          useVolumesUi.getState().setFilter(v.name);
          useUiStore.getState().setPage('volumes');
        },
      })),
    [items],
  );
}
