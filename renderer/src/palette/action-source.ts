import { useMemo } from 'react';
import { PRUNE_TARGETS, type PruneScope } from '../../../shared/domain/disk-usage.ts';
import { SCOPE_LABEL } from '../disk/PruneDialog.tsx';
import { usePruneRequest } from '../disk/disk-ui.ts';
import { useNetworksUi } from '../networks/networks-ui.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useTheme } from '../theme/use-theme.ts';
import { useVolumesUi } from '../volumes/volumes-ui.ts';
import type { PaletteItem } from './palette-item.ts';

/** App-wide actions: create, prune, theme. */
export function useActionItems(): readonly PaletteItem[] {
  const { setTheme } = useTheme();
  return useMemo(() => {
    const go = (page: string) => useUiStore.getState().setPage(page);
    const prune = (scope: PruneScope): PaletteItem => ({
      id: `prune:${scope}`,
      label: `Prune ${SCOPE_LABEL[scope]}…`,
      group: 'Actions',
      keywords: `prune clean remove free space disk ${scope}`,
      run: () => usePruneRequest.getState().request(scope),
    });
    return [
      {
        id: 'create-volume',
        label: 'Create volume…',
        group: 'Actions',
        keywords: 'new volume add',
        run: () => {
          go('volumes');
          useVolumesUi.getState().setCreating(true);
        },
      },
      {
        id: 'create-network',
        label: 'Create network…',
        group: 'Actions',
        keywords: 'new network add',
        run: () => {
          go('networks');
          useNetworksUi.getState().setCreating(true);
        },
      },
      ...PRUNE_TARGETS.map(prune),
      prune('all'),
      { id: 'theme:system', label: 'Theme: follow the system', group: 'Appearance', keywords: 'theme auto os colour color', run: () => setTheme('system') },
      { id: 'theme:light', label: 'Theme: light', group: 'Appearance', keywords: 'theme colour color', run: () => setTheme('light') },
      { id: 'theme:dark', label: 'Theme: dark', group: 'Appearance', keywords: 'theme colour color night', run: () => setTheme('dark') },
    ];
  }, [setTheme]);
}
