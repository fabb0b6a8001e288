import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-url.ts';

describe('isAppUrl', () => {
  it('accepts our pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://benchtop/containers?x=1#y')).toBe(true);
    expect(isAppUrl('APP://BENCHTOP/')).toBe(true);
  });

  it.each([
    'app://benchtop.evil/',
    'app://evil/',
    'app://user@benchtop/',
    'app://benchtop:8080/',
    'https://benchtop/',
    'http://app.benchtop/',
    'file:///app/benchtop/index.html',
    'javascript:alert(1)//app://benchtop/',
    'app:benchtop',
    'not a url',
    '',
    null,
    undefined,
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('appPagePath / appPageUrl', () => {
  it('round-trips in-app pages', async () => {
    const { appPagePath, appPageUrl } = await import('./app-url.ts');
    expect(appPagePath('app://benchtop/pipelines/x?run=2#top')).toBe('/pipelines/x?run=2');
    expect(appPagePath('https://evil.test/x')).toBeNull();
    expect(appPageUrl('/containers?all=1')).toBe('app://benchtop/containers?all=1');
    expect(appPageUrl('//evil.test/x')).toBe('app://benchtop/evil.test/x');
  });
});
