import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.ts';
import type { OutputFile } from '../../shared/outputs/output-file.ts';
import { UNTRUSTED_SENDER_MESSAGE } from './ipc-transport.ts';
import { createSaveFileHandler } from './save-file.ts';
import type { IpcEventLike } from './trusted-senders.ts';

// Plain objects stand in for Electron's dialog, the trusted-sender check and the file system: no Electron here.
const event = {} as IpcEventLike;
const file: OutputFile = { kind: 'run', runId: 'r1', step: 'train', artifact: 'out', path: 'notes/readme.txt' };

function setup(over: { trusted?: boolean; choice?: { canceled: boolean; filePath?: string }; resolve?: (f: OutputFile) => Promise<{ path: string; fileName: string }>; copyFails?: boolean } = {}) {
  const copies: [string, string][] = [];
  const dialogs: { defaultPath: string; title: string }[] = [];
  const handler = createSaveFileHandler({
    trusted: { add: () => undefined, isTrusted: () => over.trusted ?? true },
    dialog: {
      showSaveDialog: async (options) => {
        dialogs.push(options);
        return over.choice ?? { canceled: false, filePath: '/home/me/Downloads/readme (1).txt' };
      },
    },
    resolve: over.resolve ?? (async () => ({ path: '/data/runs/r1/train/attempt-1/artifacts/out/notes/readme.txt', fileName: 'readme.txt' })),
    copyFile: async (from, to) => {
      if (over.copyFails) throw new Error('EACCES: permission denied');
      copies.push([from, to]);
    },
    downloadsDir: '/home/me/Downloads/',
  });
  return { handler, copies, dialogs };
}

describe('save-file (Electron download)', () => {
  it('resolves the file through the core, asks where to save it, copies it there', async () => {
    const { handler, copies, dialogs } = setup();
    expect(await handler(event, file)).toEqual({ saved: true, path: '/home/me/Downloads/readme (1).txt' });
    expect(dialogs).toEqual([{ defaultPath: '/home/me/Downloads/readme.txt', title: 'Save readme.txt' }]);
    expect(copies).toEqual([['/data/runs/r1/train/attempt-1/artifacts/out/notes/readme.txt', '/home/me/Downloads/readme (1).txt']]);
  });

  it('a cancelled dialog saves nothing', async () => {
    const { handler, copies } = setup({ choice: { canceled: true } });
    expect(await handler(event, file)).toEqual({ saved: false });
    expect(copies).toEqual([]);
  });

  it('refuses untrusted senders and malformed files; reports the core’s refusal and a failed copy', async () => {
    await expect(setup({ trusted: false }).handler(event, file)).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    expect(await setup().handler(event, { kind: 'run', path: '/etc/passwd' })).toEqual({ saved: false, error: 'Not a run artifact or model version file.' });
    const refused = setup({
      resolve: async () => {
        throw new ApiError('invalid_input', '"../x" is not a path inside the artifact');
      },
    });
    expect(await refused.handler(event, { ...file, path: '../x' })).toEqual({ saved: false, error: '"../x" is not a path inside the artifact' });
    expect(refused.copies).toEqual([]);
    expect(await setup({ copyFails: true }).handler(event, file)).toEqual({ saved: false, error: 'Could not write /home/me/Downloads/readme (1).txt: EACCES: permission denied' });
  });
});
