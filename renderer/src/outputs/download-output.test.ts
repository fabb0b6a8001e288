import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../../shared/outputs/output-file.ts';
import { downloadOutput } from './download-output.ts';

const file: OutputFile = { kind: 'run', runId: 'r1', step: 'make', artifact: 'out', path: 'notes/read me.txt' };

describe('downloadOutput (one path for both hosts)', () => {
  it('in Electron hands the file to the preload’s saveFile (the save dialog)', async () => {
    const asked: unknown[] = [];
    const result = await downloadOutput(file, { benchtop: { saveFile: async (f) => (asked.push(f), { saved: true, path: '/tmp/x' }) } });
    expect(asked).toEqual([file]);
    expect(result).toEqual({ saved: true, path: '/tmp/x' });
  });

  it('in a browser clicks a link to the web host’s /download with the file’s name', async () => {
    const clicked: { href: string; download: string }[] = [];
    const body = { append: () => undefined };
    const doc = {
      body,
      createElement: () => {
        const link = { href: '', download: '', style: {} as Record<string, string>, click: () => clicked.push({ href: link.href, download: link.download }), remove: () => undefined };
        return link;
      },
    } as unknown as Document;
    await downloadOutput(file, { document: doc });
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('read me.txt');
    const url = new URL(clicked[0].href, 'http://127.0.0.1');
    expect(url.pathname).toBe('/download');
    expect(JSON.parse(url.searchParams.get('file') ?? '')).toEqual(file);
  });
});
