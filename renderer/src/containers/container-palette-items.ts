import { useMemo } from 'react';
import { useContainerActions } from './use-container-actions.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useContainersUi } from './containers-ui-store.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from '../palette/palette-item.ts';

/** Every container: go to it (the Containers page, filtered to it) and start/stop/restart it. */
export function useContainerItems(): readonly PaletteItem[] {
  const { items: containers } = useLiveList(liveContainers);
  const actions = useContainerActions();
  return useMemo(() => {
    const items: PaletteItem[] = [];
    for (const c of containers ?? []) {
      const keywords = `container ${c.id.slice(0, 12)} ${c.image} ${c.state}`;
      items.push({
        id: `container:${c.id}`,
        label: `Go to container ${c.name}`,
        group: 'Containers',
        keywords,
        run: () => {
          const containersUi = useContainersUi.getState();
          containersUi.setFilterText(c.name);
          containersUi.setStateFilter('all');
          useUiStore.getState().setPage('containers');
        },
      });
      const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
      if (running) {
        items.push({ id: `stop:${c.id}`, label: `Stop ${c.name}`, group: 'Container actions', keywords, run: () => actions.stop(c) });
        items.push({ id: `restart:${c.id}`, label: `Restart ${c.name}`, group: 'Container actions', keywords, run: () => actions.restart(c) });
      } else {
        items.push({ id: `start:${c.id}`, label: `Start ${c.name}`, group: 'Container actions', keywords, run: () => actions.start(c) });
      }
    }
    return items;
  }, [containers, actions]);
}
