import type { BenchtopBridge, PickFolderOptions } from '../../../shared/api/bridge.ts';

/** The native folder dialog when the page runs inside Electron (window.benchtop.pickFolder); else null (the web host's browser is used). */
export function nativeFolderPicker(scope: { benchtop?: Pick<BenchtopBridge, 'pickFolder'> }): ((options: PickFolderOptions) => Promise<string | null>) | null {
  const pick = scope.benchtop?.pickFolder;
  return pick ? (options) => pick(options) : null;
}
