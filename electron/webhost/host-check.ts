const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `::1` → `[::1]`; names and IPv4 unchanged; lower case. */
export function hostForUrl(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * Every `Host` header value the server accepts: the loopback names on our port, plus the host it
 * is bound to (when that is neither loopback nor a wildcard) and any extra names the caller
 * allowed. Anything else is a DNS-rebinding attempt or a misdirected request.
 */
export function allowedHostHeaders(bindHost: string, port: number, extraHosts: readonly string[] = []): string[] {
  const names = new Set(LOOPBACK_NAMES);
  const bound = hostForUrl(bindHost);
  if (bound !== '0.0.0.0' && bound !== '[::]') names.add(bound);
  for (const extra of extraHosts) names.add(hostForUrl(extra));
  const values = new Set<string>();
  for (const name of names) {
    values.add(`${name}:${port}`);
    if (port === 80) values.add(name);
  }
  return [...values];
}

/** The only `Origin` values a WebSocket upgrade may carry: our own origins. */
export function allowedOrigins(hostHeaders: readonly string[]): string[] {
  return hostHeaders.map((host) => `http://${host}`);
}
