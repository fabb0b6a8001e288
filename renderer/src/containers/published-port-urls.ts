import type { PortBinding } from '../../../shared/domain/containers.ts';

/**
 * `http://localhost:<publicPort>` for every published TCP port, once each (the engine reports
 * IPv4 and IPv6 bindings of the same port separately), in port order.
 */
export function publishedPortUrls(ports: readonly PortBinding[]): string[] {
  const published = new Set<number>();
  for (const port of ports) {
    if (port.type === 'tcp' && port.publicPort !== null) published.add(port.publicPort);
  }
  return [...published].sort((a, b) => a - b).map((port) => `http://localhost:${port}`);
}
