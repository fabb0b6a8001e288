import { ApiCallError } from '../api/api-call-error.ts';
import type { ApiClient } from '../api/client.ts';
import { logFileText } from './log-file-text.ts';

/**
 * Reads a container's whole log (tail 'all', no follow) into a text Blob. The parts are kept per
 * batch, so the page holds the text once and the Blob is built without one giant string.
 */
export function collectFullLog(api: ApiClient, containerId: string, timestamps: boolean): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const parts: string[] = [];
    api.subscribe(
      'containers.logs',
      { id: containerId, tail: 'all', follow: false, timestamps },
      (batch) => parts.push(logFileText(batch.lines)),
      (error) => {
        if (error) reject(new ApiCallError('containers.logs', error));
        else resolve(new Blob(parts, { type: 'text/plain;charset=utf-8' }));
      },
      {
        onRestart: () => {
          parts.length = 0;
        },
      },
    );
  });
}

/** Hands a Blob to the browser (or Electron's download handler) as a file named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
