import { useCallback } from 'react';
import { useApiClient } from '../api/api-context.tsx';

/** Where the web host serves a container's published port (electron/webhost/port-proxy.ts). */
export const PORTS_PATH = '/ports/';

const LOOPBACK_URL = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})(\/.*)?$/;

/**
 * A loopback URL of a published port (`http://localhost:8888/lab?x=1`) as the web host serves it on
 * its own origin (`http://127.0.0.1:PORT/ports/8888/lab?x=1`), so it works in a browser at the other
 * end of an SSH tunnel; any other URL is returned as it is. Pure.
 */
export function throughWebHost(url: string, origin: string): string {
  const match = LOOPBACK_URL.exec(url);
  if (!match) return url;
  return `${origin}${PORTS_PATH}${match[1]}${match[2] ?? '/'}`;
}

/**
 * The link to open for a port or app URL: in the desktop app the loopback URL itself; in a browser
 * (the web host) the same port through the web host's origin.
 */
export function useOpenableUrl(): (url: string) => string {
  const api = useApiClient();
  const web = api.transportName === 'websocket';
  return useCallback((url: string) => (web ? throughWebHost(url, window.location.origin) : url), [web]);
}
