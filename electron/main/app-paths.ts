import path from 'node:path';

export interface AppPaths {
  /** dist/electron/preload.cjs */
  preload: string;
  /** dist/renderer (the built web UI, served through app://benchtop). */
  renderer: string;
  /** The core's data directory: BENCHTOP_HOME when set, else Electron's userData. */
  home: string;
  /** Main's own rotating log files. */
  logs: string;
}

/** Where things are, from `app.getAppPath()` (the project folder, or the asar root when packaged). */
export function appPaths(appPath: string, userData: string, env: NodeJS.ProcessEnv = {}): AppPaths {
  const home = env.BENCHTOP_HOME && path.isAbsolute(env.BENCHTOP_HOME) ? env.BENCHTOP_HOME : userData;
  return {
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    renderer: path.join(appPath, 'dist', 'renderer'),
    home,
    logs: path.join(home, 'logs'),
  };
}
