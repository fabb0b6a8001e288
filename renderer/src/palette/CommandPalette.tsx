import { useEffect } from 'react';
import { PruneDialog } from '../disk/PruneDialog.tsx';
import { usePruneRequest } from '../disk/disk-ui.ts';
import { pages } from '../shell/pages.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { PaletteDialog } from './PaletteDialog.tsx';
import { usePaletteUi } from './palette-ui.ts';

/**
 * The keyboard entry point: Ctrl/⌘+K opens the palette from anywhere, Alt+1…9 opens a page. Also
 * hosts the prune confirmation, which the palette and several pages ask for.
 */
export function CommandPalette() {
  const open = usePaletteUi((s) => s.open);
  const setOpen = usePaletteUi((s) => s.setOpen);
  const pruneScope = usePruneRequest((s) => s.scope);
  const requestPrune = usePruneRequest((s) => s.request);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        usePaletteUi.getState().toggle();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
        const page = pages[Number(event.code.slice(5)) - 1];
        if (!page) return;
        event.preventDefault();
        usePaletteUi.getState().setOpen(false);
        useUiStore.getState().setPage(page.id);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      {open && <PaletteDialog onClose={() => setOpen(false)} />}
      {pruneScope && <PruneDialog scope={pruneScope} onClose={() => requestPrune(null)} />}
    </>
  );
}
