import { homedir } from 'node:os';
import { join } from 'node:path';

/** BENCHTOP_HOME wins; else the platform's per-user data folder. Electron passes its userData instead. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.BENCHTOP_HOME) return env.BENCHTOP_HOME;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Benchtop');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Benchtop');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'benchtop');
}
