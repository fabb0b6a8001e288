import type { ApiClient } from '../api/client.ts';

/** Where the web host answers a signed-in page with its access token (electron/webhost/http-handler.ts). */
export const LINK_TOKEN_PATH = '/api/link-token';

export interface ShareableLink {
  url: string;
  /** True when the link carries the web host's access token (whoever has it gets in). */
  includesToken: boolean;
  /** A desktop app's in-app address (`app://benchtop/…`): its path opens the same view in `benchtop web`. */
  desktop: boolean;
}

/**
 * The address of what the window shows, to paste to someone else. In a browser it is the web host's
 * origin and path plus `?token=…` (the token is in an HttpOnly cookie the page cannot read, so it is
 * asked for once); opening it signs the browser in and lands on the same view. In the desktop app
 * there is no token: the address is the in-app one.
 */
export async function shareableLink(
  api: Pick<ApiClient, 'transportName'>,
  /** An in-app path (`/environments/ID`); the window's own by default. */
  path?: string,
  location: Pick<Location, 'origin' | 'pathname'> = window.location,
  fetchToken: () => Promise<string | null> = fetchLinkToken,
): Promise<ShareableLink> {
  const base = `${location.origin}${path ?? location.pathname}`;
  if (api.transportName !== 'websocket') return { url: base, includesToken: false, desktop: api.transportName === 'electron' };
  const token = await fetchToken();
  return token ? { url: `${base}?token=${encodeURIComponent(token)}`, includesToken: true, desktop: false } : { url: base, includesToken: false, desktop: false };
}

let cached: Promise<string | null> | null = null;

async function fetchLinkToken(): Promise<string | null> {
  cached ??= fetch(LINK_TOKEN_PATH, { credentials: 'same-origin', cache: 'no-store' })
    .then(async (response) => (response.ok ? ((await response.json()) as { token?: unknown }).token : null))
    .then((token) => (typeof token === 'string' ? token : null))
    .catch(() => null)
    .then((token) => {
      if (token === null) cached = null;
      return token;
    });
  return cached;
}
