import { MIN_WINDOW_SIZE, type WindowBounds } from './window-options.ts';

/** What preferences need from a key-value store: electron-store in the app, a Map in tests. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/**
 * Desktop preferences only (design §5): window bounds, theme and last page. Everything the app
 * itself knows lives in the core's database. Values read back are checked: a hand-edited or
 * corrupt file falls back to defaults instead of breaking start-up.
 */
export interface DesktopPreferences {
  windowBounds(): WindowBounds | undefined;
  setWindowBounds(bounds: WindowBounds): void;
  theme(): Theme;
  setTheme(theme: Theme): void;
  /** An in-app path such as `/containers`; `/` by default. */
  lastPage(): string;
  setLastPage(page: string): void;
}

const MAX_COORDINATE = 100_000;
const MAX_SIZE = 20_000;

export function createPreferences(store: KeyValueStore): DesktopPreferences {
  return {
    windowBounds: () => sanitizeBounds(store.get('windowBounds')),
    setWindowBounds(bounds) {
      const clean = sanitizeBounds(bounds);
      if (clean) store.set('windowBounds', clean);
    },
    theme() {
      const value = store.get('theme');
      return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
    },
    setTheme(theme) {
      if (THEMES.includes(theme)) store.set('theme', theme);
    },
    lastPage() {
      const value = store.get('lastPage');
      return isAppPath(value) ? value : '/';
    },
    setLastPage(page) {
      if (isAppPath(page)) store.set('lastPage', page);
    },
  };
}

export function sanitizeBounds(value: unknown): WindowBounds | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isInt(width, MIN_WINDOW_SIZE.width, MAX_SIZE) || !isInt(height, MIN_WINDOW_SIZE.height, MAX_SIZE)) return undefined;
  const bounds: WindowBounds = { width, height };
  if (isInt(x, -MAX_COORDINATE, MAX_COORDINATE) && isInt(y, -MAX_COORDINATE, MAX_COORDINATE)) {
    bounds.x = x;
    bounds.y = y;
  }
  return bounds;
}

/** `/…` without a scheme, host (`//x`), backslashes or control characters; at most 512 chars. */
export function isAppPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 512 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !/[\\\u0000-\u001f\u007f]/.test(value)
  );
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A KeyValueStore over a Map (tests, and a fallback when the preferences file cannot be opened). */
export function mapStore(map: Map<string, unknown> = new Map()): KeyValueStore {
  return { get: (key) => map.get(key), set: (key, value) => void map.set(key, value) };
}
