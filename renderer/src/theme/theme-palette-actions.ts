import { useMemo } from 'react';
import type { PaletteItem } from '../palette/palette-item.ts';
import { useTheme } from './use-theme.ts';

/** System / Light / Dark from the palette. */
export function useThemeActions(): readonly PaletteItem[] {
  const { setTheme } = useTheme();
  return useMemo(
    () => [
      { id: 'theme:system', label: 'Theme: follow the system', group: 'Appearance', keywords: 'theme auto os colour color', run: () => setTheme('system') },
      { id: 'theme:light', label: 'Theme: light', group: 'Appearance', keywords: 'theme colour color', run: () => setTheme('light') },
      { id: 'theme:dark', label: 'Theme: dark', group: 'Appearance', keywords: 'theme colour color night', run: () => setTheme('dark') },
    ],
    [setTheme],
  );
}
