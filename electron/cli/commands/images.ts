import { imageDisplayName, shortImageId } from '../../../shared/domain/images.ts';
import { call } from '../call.ts';
import type { Command } from '../command.ts';
import { formatAge, formatTable } from '../format.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';

const images: Command = {
  name: 'images',
  group: 'Images',
  usage: 'benchtop images [--all] [--json]',
  summary: 'List images',
  flags: [
    { name: 'all', short: 'a', description: 'Also the untagged parents of classic builds.' },
    { name: 'json', description: 'Print ImageSummary objects as JSON.' },
  ],
  examples: [
    { command: 'benchtop images', description: 'Tagged and dangling images.' },
    { command: 'benchtop images --json', description: 'As JSON.' },
  ],
  json: 'An array of ImageSummary: id, repoTags, repoDigests, size (bytes), created (Unix seconds), containers, dangling, parentId, labels.',
  async run({ flags, io, core }) {
    const list = await call(await core(), 'images.list', { all: flags.all === true });
    if (flags.json) {
      io.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return 0;
    }
    const rows = list.flatMap((image) => {
      const names = image.repoTags.length > 0 ? image.repoTags : [imageDisplayName(image)];
      return names.map((name) => [name, shortImageId(image.id), formatBytes(image.size), formatAge(image.created), String(image.containers), image.dangling ? 'yes' : '']);
    });
    io.stdout.write(formatTable(['IMAGE', 'ID', 'SIZE', 'CREATED', 'CONTAINERS', 'DANGLING'], rows));
    return 0;
  },
};

export default images;
