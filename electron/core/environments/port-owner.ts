import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import type Docker from 'dockerode';

/** The running containers, listed once for several port questions (a failed list counts as none). */
export function runningContainers(docker: Docker): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: false }).catch(() => [] as Docker.ContainerInfo[]);
}

/**
 * Who holds a host port: a container (by name), a process (pid and command), or someone unknown.
 * `containers`: a list already made (runningContainers), so that many ports cost one engine call.
 */
export async function portOwner(docker: Docker, port: number, hostIp: string | null, containers?: Promise<Docker.ContainerInfo[]>): Promise<string | null> {
  for (const container of await (containers ?? runningContainers(docker))) {
    if (container.Ports.some((p) => p.PublicPort === port && p.Type === 'tcp')) {
      return `container ${container.Names[0]?.replace(/^\//, '') ?? container.Id.slice(0, 12)}`;
    }
  }
  if (await canBind(port, hostIp ?? '0.0.0.0')) return null;
  return (await processHolding(port)) ?? 'another program on this machine';
}

/** Whether a TCP listener could open on the port now (closed again at once). */
export function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port from `start` up (for template apps, which prefer a port but need not have it). */
export async function firstFreePort(docker: Docker, start: number, hostIp: string | null, taken: ReadonlySet<number>, containers?: Promise<Docker.ContainerInfo[]>): Promise<number> {
  const listed = containers ?? runningContainers(docker);
  for (let port = start; port < Math.min(start + 200, 65536); port++) {
    if (taken.has(port)) continue;
    if ((await portOwner(docker, port, hostIp, listed)) === null) return port;
  }
  return 0;
}

/** Linux: the listening socket's inode in /proc/net/tcp{,6}, then the process whose fds hold it. */
async function processHolding(port: number): Promise<string | null> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && fields[1].endsWith(`:${hex}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return null;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = target.match(/^socket:\[(\d+)\]$/)?.[1];
      if (inode && inodes.has(inode)) {
        const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean).join(' ');
        return `process ${pid} (${command.slice(0, 80) || 'unknown command'})`;
      }
    }
  }
  return 'a process of another user (run `ss -ltnp` as root to see which)';
}
