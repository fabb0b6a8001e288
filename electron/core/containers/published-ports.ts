import type Docker from 'dockerode';

/**
 * Whether a running container publishes a TCP port on the host: what the web host asks before it
 * proxies `/ports/<port>/` (so the browser reaches containers' ports, never other local services).
 * Answers are kept for a second: a page loads many files from the same port at once.
 */
export function createPublishedPortCheck(docker: () => Promise<Docker>): (port: number) => Promise<boolean> {
  let cached: { at: number; ports: Promise<Set<number>> } | null = null;
  const publishedNow = async (): Promise<Set<number>> => {
    const running = await (await docker()).listContainers({ filters: { status: ['running'] } });
    const ports = new Set<number>();
    for (const container of running) for (const p of container.Ports ?? []) if (p.Type === 'tcp' && p.PublicPort) ports.add(p.PublicPort);
    return ports;
  };
  return async (port) => {
    if (!cached || Date.now() - cached.at > 1000) cached = { at: Date.now(), ports: publishedNow().catch(() => new Set<number>()) };
    return (await cached.ports).has(port);
  };
}
