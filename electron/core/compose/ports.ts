import type { ComposePort } from '../../../shared/domain/compose-model.ts';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/**
 * A `ports:` entry, short (`[HOST_IP:][HOST[-range]:]CONTAINER[-range][/proto]`, IPv6 hosts in
 * brackets) or long ({target, published, host_ip, protocol}). Throws a sentence on bad input.
 */
export function parsePort(entry: unknown): ComposePort[] {
  if (typeof entry === 'number') return [{ target: checkPort(entry, entry), published: null, hostIp: null, protocol: 'tcp' }];
  if (typeof entry === 'object' && entry !== null) {
    const long = entry as { target?: unknown; published?: unknown; host_ip?: unknown; protocol?: unknown };
    const protocol = String(long.protocol ?? 'tcp').toLowerCase();
    if (!PROTOCOLS.has(protocol)) throw new Error(`protocol "${protocol}" is not tcp, udp or sctp`);
    return [
      {
        target: checkPort(Number(long.target), long.target),
        published: long.published === undefined || long.published === null || long.published === '' ? null : String(long.published),
        hostIp: typeof long.host_ip === 'string' && long.host_ip ? long.host_ip : null,
        protocol: protocol as ComposePort['protocol'],
      },
    ];
  }
  const text = String(entry).trim();
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) throw new Error(`"${text}" names protocol "${protocol}": use tcp, udp or sctp`);
  }
  let hostIp: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1 || rest[close + 1] !== ':') throw new Error(`"${text}" is not a port mapping: write [IPv6]:HOST:CONTAINER`);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (hostIp !== null && parts.length !== 2)) throw new Error(`"${text}" is not a port mapping: write [HOST_IP:][HOST:]CONTAINER[/PROTOCOL]`);
  if (parts.length === 3) hostIp = parts.shift() as string;
  const container = parts.pop() as string;
  const host = parts.length === 1 ? parts[0] : null;
  const containerRange = parseRange(container, text);
  const hostRange = host === null || host === '' ? null : parseRange(host, text);
  const proto = protocol as ComposePort['protocol'];
  const result: ComposePort[] = [];
  const count = containerRange[1] - containerRange[0] + 1;
  if (hostRange && hostRange[1] - hostRange[0] + 1 !== count && count !== 1) {
    throw new Error(`"${text}" maps ${hostRange[1] - hostRange[0] + 1} host ports to ${count} container ports: make the ranges the same length`);
  }
  for (let i = 0; i < count; i++) {
    const published = hostRange === null ? null : count === 1 && hostRange[0] !== hostRange[1] ? `${hostRange[0]}-${hostRange[1]}` : String(hostRange[0] + i);
    result.push({ target: containerRange[0] + i, published, hostIp: hostIp || null, protocol: proto });
  }
  return result;
}

function parseRange(text: string, whole: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new Error(`"${whole}" is not a port mapping: "${text}" is not a port number or range`);
  const from = checkPort(Number(match[1]), whole);
  const to = match[2] === undefined ? from : checkPort(Number(match[2]), whole);
  if (to < from) throw new Error(`"${whole}" has a range that runs backwards`);
  return [from, to];
}

function checkPort(port: number, shown: unknown): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${JSON.stringify(shown)} is not a port number (0-65535)`);
  return port;
}
