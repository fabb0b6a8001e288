import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../shared/api/errors.ts';
import { DOWNLOAD_PATH, outputFileSchema, type OutputFile } from '../../shared/outputs/output-file.ts';

/** What the download route needs from the core (`Core.outputs`): an OutputFile resolved to a file on disk, or an ApiError. */
export interface DownloadSource {
  resolve(file: OutputFile): Promise<{ path: string; size: number; fileName: string }>;
}

export { DOWNLOAD_PATH };

/**
 * `GET /download?file=<JSON OutputFile>` (after the Host and cookie checks): the file as an
 * attachment, streamed, with its size. A malformed `file` or a path leaving its folder → 400, an
 * unknown run/step/artifact/version/file → 404 (the core's message as the body).
 */
export async function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  source: DownloadSource,
  sendText: (status: number, body: string) => void,
  setSecurityHeaders: () => void,
): Promise<void> {
  const raw = url.searchParams.get('file');
  let parsed: OutputFile;
  try {
    parsed = outputFileSchema.parse(JSON.parse(raw ?? ''));
  } catch {
    sendText(400, 'Bad download request: ?file= must name a run artifact file or a model version file.');
    return;
  }
  let resolved: Awaited<ReturnType<DownloadSource['resolve']>>;
  try {
    resolved = await source.resolve(parsed);
  } catch (error) {
    if (error instanceof ApiError) {
      sendText(error.code === 'not_found' ? 404 : 400, error.message);
      return;
    }
    throw error;
  }
  setSecurityHeaders();
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Content-Length', String(resolved.size));
  res.setHeader('Content-Disposition', contentDisposition(resolved.fileName));
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(resolved.path);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/** `attachment` with an ASCII fallback name and the exact name as RFC 5987 `filename*`. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%/]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
