import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { DOCKER_BRIDGE_INTERFACE, trackingBindAddresses } from '../tracking/bind-addresses.ts';

/**
 * The Docker bridge gateway's IPv4 address even while no container is attached to the bridge.
 * Node's `networkInterfaces()` (libuv) leaves out interfaces that are not RUNNING, and a bridge
 * without ports has no carrier: on a machine where no container runs yet, docker0 is missing from
 * it, and a server bound only to what it lists would be unreachable to the containers started
 * next. `ip -4 -o addr show dev docker0` still names the address; null when there is none.
 */
export function dockerBridgeAddress(bridge = DOCKER_BRIDGE_INTERFACE, run: (file: string, args: string[]) => string = defaultRun): string | null {
  const listed = (networkInterfaces()[bridge] ?? []).find((a) => a.family === 'IPv4' && !a.internal)?.address;
  if (listed) return listed;
  try {
    return parseIpAddrOutput(run('ip', ['-4', '-o', 'addr', 'show', 'dev', bridge]));
  } catch {
    return null;
  }
}

/** The first `inet A.B.C.D/N` of `ip -4 -o addr show` output. */
export function parseIpAddrOutput(text: string): string | null {
  const match = /\binet (\d{1,3}(?:\.\d{1,3}){3})\//.exec(text);
  return match && match[1] !== '0.0.0.0' ? match[1] : null;
}

/** Loopback plus the bridge gateway, whether or not a container is attached to the bridge now. */
export function trackingListenAddresses(): string[] {
  const addresses = trackingBindAddresses();
  const bridge = dockerBridgeAddress();
  return bridge && !addresses.includes(bridge) ? [...addresses, bridge] : addresses;
}

function defaultRun(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
}
