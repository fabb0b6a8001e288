import { call } from '../call.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format.ts';

const networks: Command = {
  name: 'networks',
  group: 'Containers',
  usage: 'benchtop networks [--json]',
  summary: 'List networks: driver, scope, subnets and their containers',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  examples: [
    { command: 'benchtop networks', description: 'Every network.' },
    { command: 'benchtop networks --json', description: 'As JSON.' },
  ],
  json: 'An array: id, name, driver, scope, subnets, internal, builtIn, createdAt, labels, containers (id, name, state).',
  async run({ flags, io, core }) {
    const list = await call(await core(), 'networks.list', {});
    if (flags.json) {
      io.stdout.write(JSON.stringify(list.map(({ key: _key, ...network }) => network), null, 2) + '\n');
      return 0;
    }
    const rows = list.map((n) => [
      n.id.slice(0, 12),
      n.name,
      n.driver,
      n.scope,
      n.subnets.join(', ') || '-',
      n.internal ? 'yes' : 'no',
      n.containers.map((c) => c.name).join(', ') || '-',
    ]);
    io.stdout.write(formatTable(['ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET', 'INTERNAL', 'CONTAINERS'], rows));
    return 0;
  },
};

export default networks;
