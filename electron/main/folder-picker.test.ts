import { describe, expect, it } from 'vitest';
import { createFolderPicker, dialogOptionsFor, type OpenDialogOptions } from './folder-picker.ts';
import type { IpcEventLike, TrustedSenders } from './trusted-senders.ts';

// Plain objects stand in for Electron's dialog, window and IPC event: the binary is never loaded in tests.
const frame = { url: 'app://benchtop/', parent: null, processId: 1, routingId: 1 };
const event: IpcEventLike = { sender: { id: 7, mainFrame: frame }, senderFrame: frame };

function setup(answer: { canceled: boolean; filePaths: string[] }, trustedSender = true) {
  const shown: { window: string; options: OpenDialogOptions }[] = [];
  const warnings: string[] = [];
  const trusted: TrustedSenders = { add: () => {}, isTrusted: () => trustedSender };
  const pick = createFolderPicker<string>({
    dialog: {
      showOpenDialog: async (window, options) => {
        shown.push({ window, options });
        return answer;
      },
    },
    trusted,
    windowOf: () => 'main-window',
    log: { warn: (message) => void warnings.push(message) },
  });
  return { pick, shown, warnings };
}

describe('the native folder picker', () => {
  it('opens a folder dialog modal to the asking window and answers the chosen path', async () => {
    const { pick, shown } = setup({ canceled: false, filePaths: ['/home/me/pipelines'] });
    expect(await pick(event, { title: 'Add a workspace folder', defaultPath: '/home/me' })).toBe('/home/me/pipelines');
    expect(shown).toEqual([
      {
        window: 'main-window',
        options: { title: 'Add a workspace folder', defaultPath: '/home/me', buttonLabel: 'Choose', properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] },
      },
    ]);
  });

  it('answers null when the person cancels', async () => {
    expect(await setup({ canceled: true, filePaths: [] }).pick(event, {})).toBeNull();
    expect(await setup({ canceled: false, filePaths: [] }).pick(event, {})).toBeNull();
  });

  it('refuses a sender that is not our page, without opening anything', async () => {
    const { pick, shown, warnings } = setup({ canceled: false, filePaths: ['/x'] }, false);
    await expect(pick(event, {})).rejects.toThrow('Blocked call from an untrusted frame');
    expect(shown).toEqual([]);
    expect(warnings).toEqual(['blocked pick-folder from an untrusted frame']);
  });

  it('takes only a title and an absolute start folder from the page', () => {
    expect(dialogOptionsFor(null)).toEqual({ title: 'Choose a folder', buttonLabel: 'Choose', properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
    const options = dialogOptionsFor({ title: `  ${'t'.repeat(500)}`, defaultPath: 'relative/dir', properties: ['openFile', 'multiSelections'], extra: 1 });
    expect(options.title).toHaveLength(120);
    expect(options.defaultPath).toBeUndefined();
    expect(options.properties).toEqual(['openDirectory', 'createDirectory', 'dontAddToRecent']);
    expect(Object.keys(options).sort()).toEqual(['buttonLabel', 'properties', 'title']);
    expect(dialogOptionsFor({ title: 42, defaultPath: '/srv' })).toMatchObject({ title: 'Choose a folder', defaultPath: '/srv' });
  });
});
