import { PRUNE_TARGETS, type PruneScope } from '../../../shared/domain/disk-usage.ts';
import type { PaletteItem } from '../palette/palette-item.ts';
import { usePruneRequest } from './disk-ui.ts';
import { SCOPE_LABEL } from './PruneDialog.tsx';

const prune = (scope: PruneScope): PaletteItem => ({
  id: `prune:${scope}`,
  label: `Prune ${SCOPE_LABEL[scope]}…`,
  group: 'Actions',
  keywords: `prune clean remove free space disk ${scope}`,
  run: () => usePruneRequest.getState().request(scope),
});

const PRUNE_ACTIONS: readonly PaletteItem[] = [...PRUNE_TARGETS.map(prune), prune('all')];

/** Prune anything from the palette: the prune dialog (preview, then prune) opens over any page. */
export function usePruneActions(): readonly PaletteItem[] {
  return PRUNE_ACTIONS;
}
