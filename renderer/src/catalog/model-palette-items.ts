import { useMemo } from 'react';
import { useApiQuery } from '../api/use-api.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useCatalogUi } from './catalog-ui-store.ts';

/** Every registered model: open it, or delete it (the Models page asks first). */
export function useModelItems(): readonly PaletteItem[] {
  const list = useApiQuery('models.list', { limit: 500 }, { staleTime: 10_000 });
  return useMemo(
    () =>
      (list.data ?? []).flatMap((model) => {
        const keywords = `model catalog ${Object.keys(model.aliases ?? {}).join(' ')}`;
        const show = () => {
          useCatalogUi.getState().selectModel(model.name);
          useUiStore.getState().setPage('models');
        };
        return [
          { id: `model:${model.name}`, label: `Open model ${model.name}`, group: 'Models', keywords, run: show },
          {
            id: `model-delete:${model.name}`,
            label: `Delete model ${model.name}…`,
            group: 'Models',
            keywords: `${keywords} delete remove`,
            run: () => {
              show();
              useCatalogUi.getState().requestDelete(model.name);
            },
          },
        ];
      }),
    [list.data],
  );
}
