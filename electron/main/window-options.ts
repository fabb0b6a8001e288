import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowOptionsInput {
  /** Absolute path of dist/electron/preload.cjs. */
  preloadPath: string;
  bounds?: WindowBounds;
  title?: string;
  /** Shown before the first paint, to avoid a white flash in dark mode. */
  backgroundColor?: string;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 520 } as const;

/**
 * The options of every BrowserWindow the app creates (security checklist items 2-4, 6, 8-12):
 * sandboxed renderer with context isolation, no Node, web security on, no webview tag, nothing
 * experimental. This is the one place that builds window options.
 */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const bounds = input.bounds ?? DEFAULT_WINDOW_SIZE;
  return {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: input.title ?? 'Benchtop',
    backgroundColor: input.backgroundColor ?? '#1e1f24',
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
