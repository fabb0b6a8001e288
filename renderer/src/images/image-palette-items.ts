import { useMemo } from 'react';
import { useImagesUi } from './images-ui-store.ts';
import { liveImages } from '../live/lists.ts';
import { useLiveList } from '../live/use-live-list.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from '../palette/palette-item.ts';

/** Every image: go to it on the Images page, or open its details. */
export function useImageItems(): readonly PaletteItem[] {
  const { items: images } = useLiveList(liveImages);
  return useMemo(() => {
    const items: PaletteItem[] = [];
    for (const image of images ?? []) {
      const name = image.repoTags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
      const keywords = `image ${image.id.slice(7, 19)} ${image.repoTags.join(' ')}`;
      const show = (inspect: boolean) => () => {
        const ui = useImagesUi.getState();
        ui.setFilterText(image.repoTags[0] ? name : '');
        ui.setKindFilter('all');
        if (inspect) ui.inspect(image.id);
        useUiStore.getState().setPage('images');
      };
      items.push({ id: `image:${image.id}`, label: `Go to image ${name}`, group: 'Images', keywords, run: show(false) });
      items.push({ id: `inspect-image:${image.id}`, label: `Inspect image ${name}`, group: 'Images', keywords, run: show(true) });
    }
    return items;
  }, [images]);
}
