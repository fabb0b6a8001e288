import { describe, expect, it } from 'vitest';
import { createPreferences, isAppPath, mapStore, sanitizeBounds } from './preferences.ts';

describe('createPreferences', () => {
  it('has defaults', () => {
    const prefs = createPreferences(mapStore());
    expect(prefs.windowBounds()).toBeUndefined();
    expect(prefs.theme()).toBe('system');
    expect(prefs.lastPage()).toBe('/');
  });

  it('round-trips values through the store', () => {
    const map = new Map<string, unknown>();
    const prefs = createPreferences(mapStore(map));
    prefs.setWindowBounds({ x: 10, y: 20, width: 1000, height: 700 });
    prefs.setTheme('dark');
    prefs.setLastPage('/pipelines/train?run=3');
    expect(Object.fromEntries(map)).toEqual({
      windowBounds: { x: 10, y: 20, width: 1000, height: 700 },
      theme: 'dark',
      lastPage: '/pipelines/train?run=3',
    });
    expect(createPreferences(mapStore(map)).theme()).toBe('dark');
  });

  it('ignores bad values, written or read back', () => {
    const map = new Map<string, unknown>([
      ['windowBounds', { width: 'big' }],
      ['theme', 'neon'],
      ['lastPage', 'https://evil.test/'],
    ]);
    const prefs = createPreferences(mapStore(map));
    expect(prefs.windowBounds()).toBeUndefined();
    expect(prefs.theme()).toBe('system');
    expect(prefs.lastPage()).toBe('/');
    prefs.setLastPage('//evil.test/');
    prefs.setTheme('neon' as 'dark');
    prefs.setWindowBounds({ width: 10, height: 10 });
    expect(map.get('lastPage')).toBe('https://evil.test/');
    expect(map.get('theme')).toBe('neon');
  });
});

describe('sanitizeBounds / isAppPath', () => {
  it('keeps sane sizes and drops positions that are not integers', () => {
    expect(sanitizeBounds({ x: 1.5, y: 2, width: 900, height: 600 })).toEqual({ width: 900, height: 600 });
    expect(sanitizeBounds({ width: 900, height: 100 })).toBeUndefined();
    expect(sanitizeBounds(null)).toBeUndefined();
  });

  it('accepts only in-app paths', () => {
    expect(isAppPath('/containers')).toBe(true);
    for (const bad of ['containers', '//x', '/a\\b', '/a\nb', 'javascript:x', 5]) expect(isAppPath(bad)).toBe(false);
  });
});
