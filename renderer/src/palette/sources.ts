import { useModelItems } from '../catalog/model-palette-items.ts';
import { useContainerItems } from '../containers/container-palette-items.ts';
import { usePruneActions } from '../disk/prune-palette-actions.ts';
import { useEndpointItems } from '../endpoints/endpoint-palette-items.ts';
import { useEnvironmentItems } from '../environments/environment-palette-items.ts';
import { useImageItems } from '../images/image-palette-items.ts';
import { useNetworkActions, useNetworkItems } from '../networks/network-palette-items.ts';
import { usePipelineItems } from '../pipelines/pipeline-palette-items.ts';
import { useRunItems } from '../runs/run-palette-items.ts';
import { useStackItems } from '../stacks/stack-palette-items.ts';
import { useThemeActions } from '../theme/theme-palette-actions.ts';
import { useVolumeActions, useVolumeItems } from '../volumes/volume-palette-items.ts';
import type { PaletteSource } from './palette-item.ts';
import { usePageItems } from './page-source.ts';

/**
 * The registry of the command palette: what it lists, in order, one line per source. Each area
 * contributes its own items and actions from its own folder (`<area>/*-palette-items.ts`,
 * `*-palette-actions.ts`); the palette knows none of their stores. Each source is a hook, called in
 * this fixed order on every render of the palette.
 */
export const paletteSources: readonly PaletteSource[] = [
  usePageItems,
  useVolumeActions,
  useNetworkActions,
  usePruneActions,
  useThemeActions,
  useContainerItems,
  useStackItems,
  useImageItems,
  useVolumeItems,
  useNetworkItems,
  usePipelineItems,
  useRunItems,
  useModelItems,
  useEnvironmentItems,
  useEndpointItems,
];
