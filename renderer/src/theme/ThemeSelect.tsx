import { THEME_CHOICES } from './theme.ts';
import { useTheme } from './use-theme.ts';

const LABELS = { system: 'System', light: 'Light', dark: 'Dark' } as const;

/** System (follows the OS), Light or Dark; stored in the core's settings. */
export function ThemeSelect() {
  const { theme, setTheme } = useTheme();
  return (
    <label className="theme-select">
      <span>Theme</span>
      <select className="select" aria-label="Theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as typeof theme)}>
        {THEME_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
