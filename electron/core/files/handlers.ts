import type { fileMethods } from '../../../shared/api/methods/files.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import { listDirectories } from './directory-listing.ts';

/** The folder browser of the web host (files.listDirectories). */
export function createFileHandlers(): HandlersFor<keyof typeof fileMethods> {
  return {
    'files.listDirectories': async ({ path, showHidden }) => listDirectories(path, { showHidden }),
  };
}
