import type { ContainerSummary } from '../../../shared/domain/containers.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';

function ports(container: ContainerSummary): string {
  return container.ports
    .map((p) => (p.publicPort === null ? `${p.privatePort}/${p.type}` : `${p.publicPort}->${p.privatePort}/${p.type}`))
    .join(', ');
}

const ps: Command = {
  name: 'ps',
  group: 'Containers',
  usage: 'benchtop ps [--all] [--json]',
  summary: 'List containers (running only unless --all)',
  flags: [
    { name: 'all', short: 'a', description: 'Show every container, stopped ones too.', default: 'running only' },
    { name: 'json', description: 'Print ContainerSummary objects as JSON.' },
  ],
  examples: [
    { command: 'benchtop ps', description: 'The running containers.' },
    { command: 'benchtop ps -a --json', description: 'Every container, as JSON.' },
  ],
  json: 'An array of ContainerSummary: id, name, image, state, status, created (Unix seconds), ports (ip, privatePort, publicPort, type), composeProject, composeService, labels.',
  async run({ flags, io, core }) {
    const containers = await call(await core(), 'containers.list', { all: flags.all === true });
    if (flags.json) {
      io.stdout.write(JSON.stringify(containers, null, 2) + '\n');
      return 0;
    }
    const rows = containers.map((c) => [c.id.slice(0, 12), c.name, c.image, c.state, c.status, ports(c), formatAge(c.created), c.composeProject ?? '']);
    io.stdout.write(formatTable(['ID', 'NAME', 'IMAGE', 'STATE', 'STATUS', 'PORTS', 'CREATED', 'PROJECT'], rows));
    return 0;
  },
};

export default ps;
