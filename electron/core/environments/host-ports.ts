import { get as httpGet } from 'node:http';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ResolvedEnvironment } from '../../../shared/environments/resolved.ts';
import { firstFreePort, portOwner, runningContainers } from './port-owner.ts';

/** Host ports: exact ones must be free (else: which, and held by what); preferred ones move up to the next free port. */
export async function choosePorts(docker: Docker, resolved: ResolvedEnvironment): Promise<Map<string, number>> {
  const chosen = new Map<string, number>();
  const taken = new Set<number>();
  // One list of the running containers for every port (a busy preferred port used to cost one list per port tried).
  const containers = resolved.ports.some((p) => p.hostPort !== null && p.protocol !== 'udp') ? runningContainers(docker) : Promise.resolve([]);
  for (const port of resolved.ports) {
    if (port.hostPort === null) continue;
    const key = `${port.containerPort}/${port.protocol}`;
    if (port.protocol === 'udp') {
      chosen.set(key, port.hostPort);
      continue;
    }
    if (port.policy === 'prefer') {
      const free = await firstFreePort(docker, port.hostPort, port.hostIp, taken, containers);
      if (free === 0) throw new ApiError('conflict', `No free host port from ${port.hostPort} up for ${resolved.app?.label ?? 'the app'}: free one, then start again.`);
      chosen.set(key, free);
      taken.add(free);
      continue;
    }
    const owner = taken.has(port.hostPort) ? 'another port of this environment' : await portOwner(docker, port.hostPort, port.hostIp, containers);
    if (owner) {
      throw new ApiError(
        'conflict',
        `Host port ${port.hostPort} (${port.origin} ${port.containerPort}) is already taken by ${owner}: stop it, or change the port in the config.`,
        { port: port.hostPort, owner },
      );
    }
    chosen.set(key, port.hostPort);
    taken.add(port.hostPort);
  }
  return chosen;
}

/**
 * Resolves true once http://127.0.0.1:port/ gives any HTTP response, false at the deadline. A TCP
 * connect is not enough: docker-proxy accepts connections before the app inside listens.
 */
export async function waitForPort(port: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    const open = await new Promise<boolean>((resolve) => {
      const request = httpGet({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

