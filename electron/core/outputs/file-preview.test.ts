import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGE_PREVIEW_MAX_BYTES, isSafeRelativePath } from '../../../shared/outputs/output-file.ts';
import { previewFile } from './file-preview.ts';

const dir = mkdtempSync(join(tmpdir(), 'benchtop-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const limits = { maxBytes: 1024, maxRows: 100 };

describe('previewFile (real files)', () => {
  it('cuts text at maxBytes and says so, without splitting a character', async () => {
    const path = file('long.txt', 'é'.repeat(1000));
    const preview = await previewFile(path, 'long.txt', { maxBytes: 11, maxRows: 10 });
    expect(preview).toEqual({ kind: 'text', text: 'ééééé', size: 2000, truncated: true });
  });

  it('gives the first maxRows rows of a CSV (quotes, CRLF, new lines inside quotes)', async () => {
    const path = file('t.csv', 'a,b\r\n1,"x, ""y"""\r\n2,"two\nlines"\r\n3,z\r\n');
    expect(await previewFile(path, 't.csv', { maxBytes: 1024, maxRows: 2 })).toEqual({ kind: 'csv', columns: ['a', 'b'], rows: [['1', 'x, "y"'], ['2', 'two\nlines']], size: 39, truncated: true });
    expect(await previewFile(path, 't.csv', limits)).toMatchObject({ rows: [['1', 'x, "y"'], ['2', 'two\nlines'], ['3', 'z']], truncated: false });
  });

  it('drops a CSV row cut by maxBytes and marks the table truncated', async () => {
    const path = file('cut.csv', 'n\n' + Array.from({ length: 100 }, (_, i) => `${i}`).join('\n'));
    const preview = await previewFile(path, 'cut.csv', { maxBytes: 20, maxRows: 100 });
    expect(preview).toMatchObject({ kind: 'csv', columns: ['n'], truncated: true });
    if (preview.kind === 'csv') expect(preview.rows.at(-1)).toEqual(['8']);
  });

  it('refuses binary files and too-large images with the reason', async () => {
    await expect(previewFile(file('b.bin', Buffer.from([1, 0, 2])), 'b.bin', limits)).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'binary' }, message: expect.stringContaining('download it instead') });
    await expect(previewFile(file('bad.txt', Buffer.from([0xff, 0xfe, 0x41])), 'bad.txt', limits)).rejects.toMatchObject({ details: { reason: 'binary' } });
    await expect(previewFile(file('big.png', Buffer.alloc(IMAGE_PREVIEW_MAX_BYTES + 1)), 'big.png', limits)).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'too_large' } });
  });

  it('gives images whole as base64 with their type', async () => {
    expect(await previewFile(file('p.svg', '<svg/>'), 'p.svg', limits)).toEqual({ kind: 'image', mimeType: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64'), size: 6 });
  });
});

describe('paths', () => {
  it('refuses paths that leave their folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a\\..\\b', 'a\0b', '', 'a/..']) expect(isSafeRelativePath(bad), bad).toBe(false);
    for (const good of ['a', 'a/b.csv', '..a', 'a..b/c']) expect(isSafeRelativePath(good), good).toBe(true);
  });
});

