import { networkInterfaces } from 'node:os';

/** The interface Docker's default `bridge` network uses (its `com.docker.network.bridge.name`). */
export const DOCKER_BRIDGE_INTERFACE = 'docker0';

/**
 * Where the tracking server listens: loopback, plus the Docker bridge gateway's IPv4 address when
 * this machine has that interface (containers started with `host.docker.internal:host-gateway`
 * reach the host there). Never 0.0.0.0: nothing else on the network can connect.
 */
export function trackingBindAddresses(interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(), bridge = DOCKER_BRIDGE_INTERFACE): string[] {
  const addresses = ['127.0.0.1'];
  const gateway = (interfaces[bridge] ?? []).find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (gateway && gateway !== '0.0.0.0') addresses.push(gateway);
  return addresses;
}
