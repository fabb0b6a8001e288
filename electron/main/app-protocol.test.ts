import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../core/security/content-security-policy.ts';
import { APP_SCHEME_PRIVILEGES, appRequestPathname, createAppProtocolHandler } from './app-protocol.ts';

const base = mkdtempSync(path.join(tmpdir(), 'benchtop-app-protocol-'));
const rendererDir = path.join(base, 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Benchtop</title>');
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
writeFileSync(path.join(base, 'secret.txt'), 'secret');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handle = createAppProtocolHandler({ rendererDir });

describe('app:// protocol', () => {
  it('registers a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('maps only app://benchtop URLs', () => {
    expect(appRequestPathname('app://benchtop/assets/app.js')).toBe('/assets/app.js');
    expect(appRequestPathname('app://benchtop')).toBe('/');
    expect(appRequestPathname('app://evil/assets/app.js')).toBeNull();
    expect(appRequestPathname('file:///etc/passwd')).toBeNull();
  });

  it('serves files with their type and the CSP', async () => {
    const page = await handle({ url: 'app://benchtop/' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Benchtop</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await handle({ url: 'app://benchtop/assets/app.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers index.html for client-side routes', async () => {
    expect(await (await handle({ url: 'app://benchtop/pipelines/train' })).text()).toContain('Benchtop');
  });

  it('refuses traversal, other hosts, missing files and writes', async () => {
    for (const url of ['app://benchtop/..%2fsecret.txt', 'app://benchtop/%2e%2e/secret.txt', 'app://evil/index.html', 'app://benchtop/missing.js']) {
      const answer = await handle({ url });
      expect(answer.status, url).toBe(404);
      expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await handle({ url: 'app://benchtop/', method: 'POST' })).status).toBe(405);
  });

  it('says to build when the renderer is missing', async () => {
    const answer = await createAppProtocolHandler({ rendererDir: path.join(base, 'none') })({ url: 'app://benchtop/' });
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('npm run build');
  });
});
