import { isAbsolute } from 'node:path';
import type { PickFolderOptions } from '../../shared/api/bridge.ts';
import type { IpcEventLike, TrustedSenders } from './trusted-senders.ts';

/** The options of Electron's dialog.showOpenDialog this module passes. */
export interface OpenDialogOptions {
  title: string;
  defaultPath?: string;
  buttonLabel: string;
  properties: ('openDirectory' | 'createDirectory' | 'dontAddToRecent')[];
}

/** The parts of Electron's `dialog` the picker uses. */
export interface DialogLike<Window> {
  showOpenDialog(window: Window, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface FolderPickerOptions<Window> {
  dialog: DialogLike<Window>;
  trusted: TrustedSenders;
  /** The window of the sending page (`BrowserWindow.fromWebContents(event.sender)`); the dialog is modal to it. */
  windowOf(event: IpcEventLike): Window | null;
  log?: { warn(message: string): void };
}

const MAX_TITLE = 120;

/** The dialog's options from what the page sent, which is not trusted: unknown fields dropped, a title cut, a relative path ignored. */
export function dialogOptionsFor(request: unknown): OpenDialogOptions {
  const input = (typeof request === 'object' && request !== null ? request : {}) as Partial<Record<keyof PickFolderOptions, unknown>>;
  const title = typeof input.title === 'string' && input.title.trim() !== '' ? input.title.trim().slice(0, MAX_TITLE) : 'Choose a folder';
  const options: OpenDialogOptions = { title, buttonLabel: 'Choose', properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
  if (typeof input.defaultPath === 'string' && isAbsolute(input.defaultPath) && input.defaultPath.length <= 4096) options.defaultPath = input.defaultPath;
  return options;
}

/**
 * The IPC_PICK_FOLDER handler: the native folder dialog, modal to the asking window. Answers the
 * chosen absolute path, or null when cancelled; refuses (throws) a sender that is not our page.
 */
export function createFolderPicker<Window>(options: FolderPickerOptions<Window>): (event: IpcEventLike, request: unknown) => Promise<string | null> {
  return async (event, request) => {
    if (!options.trusted.isTrusted(event)) {
      options.log?.warn('blocked pick-folder from an untrusted frame');
      throw new Error('Blocked call from an untrusted frame');
    }
    const window = options.windowOf(event);
    if (window === null) return null;
    const result = await options.dialog.showOpenDialog(window, dialogOptionsFor(request));
    const [picked] = result.filePaths;
    return result.canceled || picked === undefined ? null : picked;
  };
}
