import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, windowOptions } from './window-options.ts';

describe('windowOptions', () => {
  const options = windowOptions({ preloadPath: '/app/dist/electron/preload.cjs' });

  it('sandboxes the renderer and isolates it from Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('never enables blink features or disables security by other keys', () => {
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
    expect(prefs.devTools).toBeUndefined();
  });

  it('uses saved bounds or the default size and waits for the first paint', () => {
    expect(options).toMatchObject({ ...DEFAULT_WINDOW_SIZE, show: false, title: 'Benchtop' });
    expect(windowOptions({ preloadPath: '/p', bounds: { x: 5, y: 6, width: 900, height: 700 } })).toMatchObject({
      x: 5,
      y: 6,
      width: 900,
      height: 700,
    });
  });
});
