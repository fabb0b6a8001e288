import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../core/security/content-security-policy.ts';
import { locateStaticFile } from '../core/security/locate-static-file.ts';
import { APP_SCHEME, isAppUrl } from './app-url.ts';

/**
 * Passed to protocol.registerSchemesAsPrivileged before `ready` (security checklist item 18:
 * a custom protocol instead of file://). `standard` gives the scheme real origins and relative
 * URLs; `secure` makes it a secure context.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** The URL's pathname when it is an app://benchtop request, else null. Pure. */
export function appRequestPathname(url: string): string | null {
  if (!isAppUrl(url)) return null;
  return new URL(url).pathname || '/';
}

export interface AppProtocolRequest {
  readonly url: string;
  readonly method?: string;
}

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The handler given to `protocol.handle('app', …)`: serves the built renderer from rendererDir,
 * index.html for client-side routes, with the CSP header on every answer. Paths that leave the
 * folder (`..`, encoded separators, symlinks) are 404.
 */
export function createAppProtocolHandler(options: {
  rendererDir: string;
  readFile?: (file: string) => Promise<Uint8Array>;
}): (request: AppProtocolRequest) => Promise<Response> {
  const read = options.readFile ?? ((file: string) => readFile(file));
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method not allowed.');
    const pathname = appRequestPathname(request.url);
    if (pathname === null) return text(404, 'Not found.');
    const found = await locateStaticFile(options.rendererDir, pathname);
    if (found.kind === 'not-built') return text(503, 'The renderer is not built: run npm run build, then restart Benchtop.');
    if (found.kind === 'not-found') return text(404, 'Not found.');
    const body = method === 'HEAD' ? null : await read(found.file);
    return new Response(body === null ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...BASE_HEADERS,
        'Content-Type': found.mimeType,
        'Cache-Control': found.isHtml ? 'no-store' : 'no-cache',
      },
    });
  };
}

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
