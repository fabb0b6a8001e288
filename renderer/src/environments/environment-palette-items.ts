import { useMemo } from 'react';
import { environmentsFromContainers } from '../../../shared/environments/summary.ts';
import { liveContainers } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useEnvironmentsUi } from './environments-ui-store.ts';

/** Every environment on the engine: open it (its card first, highlighted), or remove it (the page asks first). */
export function useEnvironmentItems(): readonly PaletteItem[] {
  const { items: containers } = useLiveList(liveContainers);
  return useMemo(
    () =>
      environmentsFromContainers(containers ?? []).flatMap((env) => {
        const keywords = `environment devcontainer ${env.image} ${env.state} ${env.localFolder}`;
        const show = () => {
          useEnvironmentsUi.getState().select(env.id);
          useUiStore.getState().setPage('environments');
        };
        return [
          { id: `environment:${env.id}`, label: `Open environment ${env.name}`, group: 'Environments', keywords, run: show },
          {
            id: `environment-remove:${env.id}`,
            label: `Remove environment ${env.name}…`,
            group: 'Environments',
            keywords: `${keywords} delete remove`,
            run: () => {
              show();
              useEnvironmentsUi.getState().requestRemove({ id: env.id, name: env.name });
            },
          },
        ];
      }),
    [containers],
  );
}
