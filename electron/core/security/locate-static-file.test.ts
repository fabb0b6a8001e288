import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateStaticFile } from './locate-static-file.ts';
import { mimeTypeFor } from './mime-types.ts';

const base = mkdtempSync(path.join(tmpdir(), 'benchtop-static-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'secret');
symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('locateStaticFile', () => {
  it('serves files with their type', async () => {
    const found = await locateStaticFile(root, '/assets/app.js');
    expect(found).toMatchObject({ kind: 'file', mimeType: 'text/javascript; charset=utf-8', isHtml: false });
  });

  it('answers index.html for / and client-side routes', async () => {
    for (const pathname of ['/', '/containers', '/pipelines/x/']) {
      const found = await locateStaticFile(root, pathname);
      expect(found).toMatchObject({ kind: 'file', file: expect.stringMatching(/index\.html$/), isHtml: true });
    }
  });

  it('answers index.html for a view address whose last segment has a dot or an encoded separator', async () => {
    // /pipelines/<file> carries the pipeline file's path as one encoded segment; /models/<name> may hold a dot.
    for (const pathname of ['/pipelines/%2Fhome%2Fa%2Fpipeline.yaml', '/pipelines/%2Fhome%2Fa%2Fp.yaml/steps/train', '/models/iris.v2', '/pipelines/C%3A%5Cwork%5Cp.yaml']) {
      const found = await locateStaticFile(root, pathname);
      expect(found, pathname).toMatchObject({ kind: 'file', file: expect.stringMatching(/index\.html$/), isHtml: true });
    }
    // A traversal under a view path still reads nothing but index.html.
    expect(await locateStaticFile(root, '/pipelines/..%2f..%2fsecret.txt')).toMatchObject({ file: expect.stringMatching(/index\.html$/) });
  });

  it('gives 404 for missing files, traversal and escaping symlinks', async () => {
    expect(await locateStaticFile(root, '/missing.png')).toEqual({ kind: 'not-found' });
    expect(await locateStaticFile(root, '/assets/deep/missing.js')).toEqual({ kind: 'not-found' });
    expect(await locateStaticFile(root, '/assets/missing.js')).toEqual({ kind: 'not-found' });
    expect(await locateStaticFile(root, '/..%2fsecret.txt')).toEqual({ kind: 'not-found' });
    expect(await locateStaticFile(root, '/leak.txt')).toEqual({ kind: 'not-found' });
  });

  it('reports an unbuilt renderer', async () => {
    expect(await locateStaticFile(path.join(base, 'nope'), '/')).toEqual({ kind: 'not-built' });
    expect(await locateStaticFile(path.join(root, 'assets'), '/')).toEqual({ kind: 'not-built' });
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer file types', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('dir.v1/noext')).toBe('application/octet-stream');
  });
});
