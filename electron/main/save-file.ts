import { ApiError } from '../../shared/api/errors.ts';
import { IPC_SAVE_FILE, type SaveFileResult } from '../../shared/api/bridge.ts';
import { outputFileSchema, type OutputFile } from '../../shared/outputs/output-file.ts';
import type { Logger } from '../core/logging/logger.ts';
import { UNTRUSTED_SENDER_MESSAGE } from './ipc-transport.ts';
import type { IpcEventLike, TrustedSenders } from './trusted-senders.ts';

/** The parts of Electron's dialog the handler uses (showSaveDialog without a window is app-modal). */
export interface SaveDialogLike {
  showSaveDialog(options: { defaultPath: string; title: string }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface SaveFileOptions {
  ipcMain: { handle(channel: string, listener: (event: IpcEventLike, file: unknown) => Promise<SaveFileResult>): void };
  trusted: TrustedSenders;
  dialog: SaveDialogLike;
  /** The core's `outputs.resolve`: the file on disk, or an ApiError (bad path, not found). */
  resolve(file: OutputFile): Promise<{ path: string; fileName: string }>;
  copyFile(from: string, to: string): Promise<void>;
  /** Where the dialog opens (the Downloads folder). */
  downloadsDir: string;
  log?: Logger;
}

/**
 * IPC_SAVE_FILE: the renderer's "Download" in Electron. Sender check, the file named by the page
 * validated and resolved by the core (no path from the page reaches the disk), the native save
 * dialog, then a copy. Cancelled → `{ saved: false }`; a refused file → `{ saved: false, error }`.
 */
export function createSaveFileHandler(options: Omit<SaveFileOptions, 'ipcMain'>): (event: IpcEventLike, file: unknown) => Promise<SaveFileResult> {
  return async (event, file) => {
    if (!options.trusted.isTrusted(event)) {
      options.log?.warn('blocked save-file from an untrusted frame');
      throw new Error(UNTRUSTED_SENDER_MESSAGE);
    }
    const parsed = outputFileSchema.safeParse(file);
    if (!parsed.success) return { saved: false, error: 'Not a run artifact or model version file.' };
    let resolved: { path: string; fileName: string };
    try {
      resolved = await options.resolve(parsed.data);
    } catch (error) {
      if (error instanceof ApiError) return { saved: false, error: error.message };
      throw error;
    }
    const choice = await options.dialog.showSaveDialog({ defaultPath: `${options.downloadsDir.replace(/[/\\]+$/, '')}/${resolved.fileName}`, title: `Save ${resolved.fileName}` });
    if (choice.canceled || !choice.filePath) return { saved: false };
    try {
      await options.copyFile(resolved.path, choice.filePath);
    } catch (error) {
      return { saved: false, error: `Could not write ${choice.filePath}: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { saved: true, path: choice.filePath };
  };
}

export function registerSaveFile(options: SaveFileOptions): void {
  options.ipcMain.handle(IPC_SAVE_FILE, createSaveFileHandler(options));
}
