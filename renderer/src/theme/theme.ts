export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_SETTING = 'theme';
/** A copy of the setting so the first paint already has the right colours (the setting arrives later). */
const HINT_KEY = 'benchtop.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** `system` removes the override: the stylesheet then follows prefers-color-scheme. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    localStorage.setItem(HINT_KEY, choice);
  } catch {
    // storage may be unavailable; the setting still holds
  }
}

export function themeHint(): ThemeChoice {
  try {
    const value = localStorage.getItem(HINT_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    return 'system';
  }
}
