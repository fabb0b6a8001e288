import { pages } from '../shell/pages.tsx';
import { useUiStore } from '../state/ui-store.ts';
import type { PaletteItem } from './palette-item.ts';

/** Alt+1 … Alt+9 open the sidebar's pages in order. */
export function pageShortcut(index: number): string | undefined {
  return index < 9 ? `Alt+${index + 1}` : undefined;
}

export function usePageItems(): readonly PaletteItem[] {
  const setPage = useUiStore((s) => s.setPage);
  return pages.map((page, index) => ({
    id: `page:${page.id}`,
    label: `Go to ${page.label}`,
    group: 'Pages',
    keywords: `page open ${page.id}`,
    shortcut: pageShortcut(index),
    run: () => setPage(page.id),
  }));
}
