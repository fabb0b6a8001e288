import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const electronPackage = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));
const mainBundle = fileURLToPath(new URL('../../dist/electron/main.cjs', import.meta.url));

/** Why the Electron project cannot run here, or null when it can. */
export function electronSkipReason(): string | null {
  if (!existsSync(electronPackage)) return 'the electron package is not installed';
  if (!existsSync(`${electronPackage}path.txt`)) return "Electron's binary is not downloaded (no internet to fetch it on this machine); the web project covers the same specs";
  if (!existsSync(mainBundle)) return 'dist/electron/main.cjs is missing: run npm run build';
  return null;
}
