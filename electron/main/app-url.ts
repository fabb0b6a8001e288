/** Pages load from `app://benchtop/…`; nothing else is ever trusted. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'benchtop';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * True for `app://benchtop/…`. Compares the parsed protocol and host, never origins or string
 * prefixes (in Node a custom scheme's origin is the string "null", and `app://benchtop.evil`
 * starts with `app://benchtop`).
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** The in-app page (`/containers?x=1`) of an app://benchtop URL, or null. */
export function appPagePath(url: string): string | null {
  if (!isAppUrl(url)) return null;
  const parsed = new URL(url);
  return `${parsed.pathname || '/'}${parsed.search}`;
}

/** The app://benchtop URL of an in-app page. */
export function appPageUrl(page: string): string {
  return new URL(page.replace(/^\/+/, ''), APP_ENTRY_URL).href;
}
