import { describe, expect, it } from 'vitest';
import { nativeFolderPicker } from './native-folder-picker.ts';

describe('nativeFolderPicker', () => {
  it('is null on the web host (no window.benchtop, or a bridge without pickFolder)', () => {
    expect(nativeFolderPicker({})).toBeNull();
    expect(nativeFolderPicker({ benchtop: {} })).toBeNull();
  });

  it('inside Electron asks the bridge with the title and start folder and answers its path', async () => {
    const asked: unknown[] = [];
    const pick = nativeFolderPicker({ benchtop: { pickFolder: async (options) => (asked.push(options), '/home/me/p') } });
    expect(await pick?.({ title: 'Add a workspace folder', defaultPath: '/home/me' })).toBe('/home/me/p');
    expect(asked).toEqual([{ title: 'Add a workspace folder', defaultPath: '/home/me' }]);
  });
});
