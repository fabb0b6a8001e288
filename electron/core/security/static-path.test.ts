import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, looksLikeFile, resolveStaticPath } from './static-path.ts';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps plain paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(root);
    expect(resolveStaticPath(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1.js')).toBe(path.join(root, 'assets', 'app-1.js'));
    expect(resolveStaticPath(root, '/a%20b.txt')).toBe(path.join(root, 'a b.txt'));
    expect(resolveStaticPath(root, '/assets/../index.html')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    '/../secret',
    '/..%2fsecret',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%5csecret',
    '/a%00.js',
    '/%E0%A4%A',
    '/..',
  ])('refuses %s', (pathname) => {
    expect(resolveStaticPath(root, pathname)).toBeNull();
  });

  it('does not treat an absolute segment as absolute', () => {
    expect(resolveStaticPath(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('isInside', () => {
  it('rejects siblings that share a prefix', () => {
    expect(isInside(root, `${root}-evil/x`)).toBe(false);
    expect(isInside(root, root)).toBe(true);
  });
});

describe('looksLikeFile', () => {
  it('tells files from client-side routes', () => {
    expect(looksLikeFile('/assets/app.js')).toBe(true);
    expect(looksLikeFile('/favicon.ico')).toBe(true);
    expect(looksLikeFile('/containers')).toBe(false);
    expect(looksLikeFile('/pipelines/train.v2/')).toBe(false);
  });
});
