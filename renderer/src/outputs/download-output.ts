import type { BenchtopBridge, SaveFileResult } from '../../../shared/api/bridge.ts';
import { downloadUrl, outputFileName, type OutputFile } from '../../../shared/outputs/output-file.ts';

type Scope = { benchtop?: Pick<BenchtopBridge, 'saveFile'>; document?: Document };

/**
 * The one way to download a run artifact or model version file. In Electron the preload's
 * `saveFile` opens the native save dialog and main copies the file; in a browser a link to the web
 * host's `/download` route (token cookie) lets the browser save it with its own name.
 */
export async function downloadOutput(file: OutputFile, scope: Scope = window as unknown as Scope): Promise<SaveFileResult> {
  if (scope.benchtop?.saveFile) return scope.benchtop.saveFile(file);
  const doc = scope.document ?? document;
  const link = doc.createElement('a');
  link.href = downloadUrl(file);
  link.download = outputFileName(file);
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  return { saved: true, path: outputFileName(file) };
}
