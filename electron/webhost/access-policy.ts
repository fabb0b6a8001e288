import { readCookie, TOKEN_COOKIE } from './cookies.ts';
import { allowedHostHeaders, allowedOrigins } from './host-check.ts';
import { tokensEqual } from './token.ts';

export interface AccessPolicy {
  readonly hosts: readonly string[];
  readonly origins: readonly string[];
  /** The token itself: a signed-in page may ask for it to copy a link (http-handler.ts). */
  readonly token: string;
  hostAllowed(hostHeader: string | undefined): boolean;
  originAllowed(originHeader: string | undefined): boolean;
  tokenValid(token: string | null | undefined): boolean;
  cookieValid(cookieHeader: string | undefined): boolean;
}

/** The three checks of every request and upgrade: Host (DNS rebinding), Origin, token. */
export function createAccessPolicy(options: { bindHost: string; port: number; token: string; extraHosts?: readonly string[] }): AccessPolicy {
  const hosts = allowedHostHeaders(options.bindHost, options.port, options.extraHosts);
  const origins = allowedOrigins(hosts);
  const hostSet = new Set(hosts);
  const originSet = new Set(origins);
  return {
    hosts,
    origins,
    token: options.token,
    hostAllowed: (header) => typeof header === 'string' && hostSet.has(header.toLowerCase()),
    originAllowed: (header) => typeof header === 'string' && originSet.has(header.toLowerCase()),
    tokenValid: (token) => tokensEqual(options.token, token),
    cookieValid: (header) => tokensEqual(options.token, readCookie(header, TOKEN_COOKIE)),
  };
}
