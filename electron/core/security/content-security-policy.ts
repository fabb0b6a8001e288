/**
 * The one Content-Security-Policy of the app, sent as a response header by the `app://` protocol
 * handler (Electron) and by the web host. No `unsafe-eval`, no inline scripts.
 *
 * `connect-src 'self'` also admits the web host's own same-origin `ws:` socket: CSP Level 3 lets
 * `'self'` match `ws:`/`wss:` URLs whose host and port equal the page's (Chromium does this).
 * `style-src 'unsafe-inline'` is there for style attributes set by libraries (xterm.js, React
 * inline styles); scripts stay locked to files we ship.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
});

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
