import { open } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/errors.ts';
import { csvRows } from '../../../shared/outputs/csv-rows.ts';
import { IMAGE_PREVIEW_MAX_BYTES, type FilePreview } from '../../../shared/outputs/output-file.ts';

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };
const CSV_EXTENSIONS = new Set(['csv', 'tsv']);

export interface PreviewLimits {
  maxBytes: number;
  maxRows: number;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/**
 * The start of a file as something to show. `name` (the file's name in its run or version) picks
 * the kind: images by extension (whole file, bounded), CSV/TSV as rows, anything else as UTF-8 text
 * when its first bytes have no NUL and decode cleanly; otherwise `invalid_input` (reason `binary`).
 */
export async function previewFile(path: string, name: string, limits: PreviewLimits): Promise<FilePreview> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const extension = extensionOf(name);
    const imageType = IMAGE_TYPES[extension];
    if (imageType) {
      if (size > IMAGE_PREVIEW_MAX_BYTES) {
        throw new ApiError('invalid_input', `${name} is too large to preview (${formatBytes(size)}; images up to ${formatBytes(IMAGE_PREVIEW_MAX_BYTES)}): download it instead.`, {
          reason: 'too_large',
          size,
        });
      }
      const bytes = await readStart(handle, size);
      return { kind: 'image', mimeType: imageType, base64: bytes.toString('base64'), size };
    }
    const bytes = await readStart(handle, Math.min(size, limits.maxBytes));
    const complete = bytes.length >= size;
    const text = decodeText(bytes, complete);
    if (text === null) {
      throw new ApiError('invalid_input', `${name} is a binary file (${formatBytes(size)}): it has no text to preview; download it instead.`, { reason: 'binary', size });
    }
    if (CSV_EXTENSIONS.has(extension)) {
      const { rows, more } = csvRows(text, limits.maxRows + 1, complete);
      const [columns = [], ...body] = rows;
      return { kind: 'csv', columns, rows: body.slice(0, limits.maxRows), size, truncated: more || body.length > limits.maxRows };
    }
    return { kind: 'text', text, size, truncated: !complete };
  } finally {
    await handle.close();
  }
}

async function readStart(handle: Awaited<ReturnType<typeof open>>, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let offset = 0;
  while (offset < length) {
    const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
}

/** UTF-8 text, or null for binary: a NUL byte, or bytes that are not UTF-8 (a character cut at the end of a partial read is allowed). */
function decodeText(bytes: Buffer, complete: boolean): string | null {
  if (bytes.includes(0)) return null;
  let end = bytes.length;
  if (!complete) {
    // Drop a multi-byte character cut by the read bound.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && bytes[end - back - 1] >= 0xc0) end = end - back - 1;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
  } catch {
    return null;
  }
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  if (size < 1024 ** 3) return `${(size / 1024 / 1024).toFixed(1)} MiB`;
  return `${(size / 1024 ** 3).toFixed(1)} GiB`;
}
