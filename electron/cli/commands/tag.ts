import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';

const tag: Command = {
  name: 'tag',
  group: 'Images',
  usage: 'benchtop tag SOURCE TARGET',
  summary: 'Give an image another name[:tag]',
  flags: [],
  args: ['image', 'image'],
  examples: [
    { command: 'benchtop tag my/model:1 my/model:latest', description: 'Add a tag.' },
    { command: 'benchtop tag 3f2a1b my/model:2', description: 'Name an image by its id.' },
  ],
  async run({ args, io, core }) {
    if (args.length !== 2) throw new CliError('Name the image and its new name: benchtop tag SOURCE TARGET[:TAG].', 2);
    const result = await call(await core(), 'images.tag', { source: args[0], target: args[1] });
    io.stdout.write(`Tagged ${result.source} as ${result.target}\n`);
    return 0;
  },
};

export default tag;
