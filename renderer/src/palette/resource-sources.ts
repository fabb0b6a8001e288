import { useMemo } from 'react';
import { useNetworksUi } from '../networks/networks-ui.ts';
import { useUiStore } from '../state/ui-store.ts';
import { liveNetworks, liveVolumes } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useVolumesUi } from '../volumes/volumes-ui.ts';
import type { PaletteItem } from './palette-item.ts';

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

export function useNetworkItems(): readonly PaletteItem[] {
  const { items } = useLiveList(liveNetworks);
  return useMemo(
    () =>
      (items ?? []).map((n) => ({
        id: `network:${n.id}`,
        label: `Go to network ${n.name}`,
        group: 'Networks',
        keywords: `network ${n.driver} ${n.subnets.join(' ')} ${n.containers.map((c) => c.name).join(' ')}`,
        run: () => {
          useNetworksUi.getState().setFilter(n.name);
          useUiStore.getState().setPage('networks');
        },
      })),
    [items],
  );
}
