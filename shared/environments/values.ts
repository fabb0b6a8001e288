import type { MountSpec, PortSpec } from './model.ts';

/** A `docker run --mount` / devcontainer mount string: `type=bind,source=/a,target=/b[,readonly]`. */
export function parseMountString(text: string): MountSpec | string {
  const fields = new Map<string, string | true>();
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq === -1) fields.set(trimmed.toLowerCase(), true);
    else fields.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
  }
  const value = (...names: string[]) => {
    for (const name of names) {
      const found = fields.get(name);
      if (typeof found === 'string') return found;
    }
    return null;
  };
  const type = value('type') ?? 'volume';
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs') return `mount type "${type}" is not supported (use bind, volume or tmpfs)`;
  const target = value('target', 'destination', 'dst');
  if (!target) return `the mount "${text}" has no target= (where it goes in the container)`;
  const source = value('source', 'src');
  if (type === 'bind' && !source) return `the bind mount "${text}" has no source= (the host folder)`;
  const readonly = fields.get('readonly') ?? fields.get('ro');
  const readOnly = readonly === true || readonly === 'true' || readonly === '1';
  return { type, source: type === 'tmpfs' ? null : source, target, readOnly };
}

/** `8080`, `"3000:80"`, `"127.0.0.1:8888:8888"`, `"53/udp"` → a port mapping. */
export function parsePortMapping(value: number | string, defaultHostIp: string | null, samePort: boolean): PortSpec | string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 65535) return `port ${value} is not between 1 and 65535`;
    return { hostIp: defaultHostIp, hostPort: samePort ? value : null, containerPort: value, protocol: 'tcp' };
  }
  const match = value.trim().match(/^(?:(\[[^\]]+\]|[^:]+):)??(?:(\d+)?:)?(\d+)(?:\/(tcp|udp))?$/);
  if (!match) return `"${value}" is not a port mapping ([HOST_IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp])`;
  const [, ip, host, container, protocol] = match;
  const containerPort = Number(container);
  const hostPort = host === undefined ? (samePort && ip === undefined ? containerPort : null) : Number(host);
  for (const port of [containerPort, hostPort]) {
    if (port !== null && (port < 1 || port > 65535)) return `port ${port} in "${value}" is not between 1 and 65535`;
  }
  return { hostIp: ip ? ip.replace(/^\[|\]$/g, '') : defaultHostIp, hostPort, containerPort, protocol: (protocol as 'tcp' | 'udp' | undefined) ?? 'tcp' };
}

/** `forwardPorts` entries: a number, or "host:port" for a port of another service (compose). */
export function parseForwardPort(value: number | string): PortSpec | string {
  if (typeof value === 'number') return parsePortMapping(value, '127.0.0.1', true);
  const match = value.match(/^([^:]+):(\d+)$/);
  if (!match) return `"${value}" is not a forwardPorts entry (a port number, or "service:port")`;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return `port ${port} in "${value}" is not between 1 and 65535`;
  return { hostIp: '127.0.0.1', hostPort: port, containerPort: port, protocol: 'tcp' };
}

