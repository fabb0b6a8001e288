import { useMemo } from 'react';
import { liveNetworks } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useNetworksUi } from './networks-ui.ts';

/** The Networks page's actions in the palette: create a network. */
export function useNetworkActions(): readonly PaletteItem[] {
  return CREATE_NETWORK;
}

const CREATE_NETWORK: readonly PaletteItem[] = [
  {
    id: 'create-network',
    label: 'Create network…',
    group: 'Actions',
    keywords: 'new network add',
    run: () => {
      useUiStore.getState().setPage('networks');
      useNetworksUi.getState().setCreating(true);
    },
  },
];

/** Every network: go to it on the Networks page. */
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
