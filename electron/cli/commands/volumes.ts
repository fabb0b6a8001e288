import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { probeWarning } from '../../../shared/domain/warnings.ts';
import { call } from '../call.ts';
import { printWarnings, withWarnings } from '../warnings.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format.ts';

const volumes: Command = {
  name: 'volumes',
  group: 'Containers',
  usage: 'benchtop volumes [--size] [--json]',
  summary: 'List volumes and the containers using each',
  flags: [
    { name: 'size', description: 'Also measure each volume (the engine walks every file).' },
    { name: 'json', description: 'Print JSON.' },
  ],
  examples: [
    { command: 'benchtop volumes', description: 'Volumes and who uses them.' },
    { command: 'benchtop volumes --size --json', description: 'With their sizes, as JSON.' },
  ],
  json: '{ volumes, warnings }: volumes has name, driver, scope, mountpoint, createdAt, labels, anonymous, usedBy (id, name, state), size (bytes or null, with --size); warnings names what could not be probed.',
  async run({ flags, io, core }) {
    const app = await core();
    const list = await call(app, 'volumes.list', {});
    // Sizes are a probe of their own (the engine's system df): when it fails the list stands, sizes are unknown, with a warning.
    const warnings: string[] = [];
    const sizes = flags.size
      ? await call(app, 'volumes.sizes', {}).then(
          (measured) => new Map(measured.map((s) => [s.name, s.size] as const)),
          (error: unknown) => {
            warnings.push(probeWarning('volume sizes', error));
            return new Map<string, number | null>();
          },
        )
      : null;
    printWarnings(io, warnings);
    if (flags.json) {
      const rows = list.map(({ key: _key, ...volume }) => (sizes ? { ...volume, size: sizes.get(volume.name) ?? null } : volume));
      io.stdout.write(JSON.stringify(withWarnings({ volumes: rows }, warnings), null, 2) + '\n');
      return 0;
    }
    const header = ['NAME', 'DRIVER', 'USED BY', ...(sizes ? ['SIZE'] : [])];
    const rows = list.map((v) => [
      v.name,
      v.driver,
      v.usedBy.map((u) => u.name).join(', ') || '-',
      ...(sizes ? [formatBytes(sizes.get(v.name) ?? null)] : []),
    ]);
    io.stdout.write(formatTable(header, rows));
    return 0;
  },
};

export default volumes;
