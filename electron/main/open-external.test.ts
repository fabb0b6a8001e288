import { describe, expect, it } from 'vitest';
import { createOpenExternal, isSafeExternalUrl } from './open-external.ts';

describe('openExternal', () => {
  it('opens http and https URLs, normalised', async () => {
    const opened: string[] = [];
    const open = createOpenExternal({ openExternal: async (url) => void opened.push(url) });
    expect(await open('https://docs.docker.com/engine/')).toBe(true);
    expect(await open('HTTP://Example.com')).toBe(true);
    expect(opened).toEqual(['https://docs.docker.com/engine/', 'http://example.com/']);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-settings:privacy',
    'vscode://file/x',
    'app://benchtop/',
    'mailto:a@b.c',
    'https://user:pass@example.com/',
    'https://',
    'example.com',
    '',
    42,
    null,
  ])('refuses %s', async (url) => {
    const opened: string[] = [];
    const refused: string[] = [];
    const open = createOpenExternal({ openExternal: async (u) => void opened.push(u) }, (u) => refused.push(u));
    expect(isSafeExternalUrl(url)).toBe(false);
    expect(await open(url)).toBe(false);
    expect(opened).toEqual([]);
    expect(refused).toHaveLength(1);
  });
});
