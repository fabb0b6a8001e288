import { useActionItems } from './action-source.ts';
import { useContainerItems } from './container-source.ts';
import { useImageItems } from './image-source.ts';
import type { PaletteSource } from './palette-item.ts';
import { usePageItems } from './page-source.ts';
import { useNetworkItems, useVolumeItems } from './resource-sources.ts';
import { useStackItems } from './stack-source.ts';
import { useRunItems } from '../runs/run-palette-source.ts';

/**
 * What the command palette lists, in order: one line per source.
 * Each is a hook, called in this fixed order on every render of the palette.
 */
export const paletteSources: readonly PaletteSource[] = [
  usePageItems,
  useActionItems,
  useContainerItems,
  useStackItems,
  useImageItems,
  useVolumeItems,
  useNetworkItems,
  useRunItems,
];
