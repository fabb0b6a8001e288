import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';

const rmi: Command = {
  name: 'rmi',
  group: 'Images',
  usage: 'benchtop rmi IMAGE [--force]',
  summary: 'Remove an image',
  description: 'When containers use it, the error names them.',
  flags: [{ name: 'force', short: 'f', description: 'Remove it even when containers use it.' }],
  args: ['image'],
  examples: [
    { command: 'benchtop rmi my/model:1', description: 'Untag it, and delete it when no other name is left.' },
    { command: 'benchtop rmi -f my/model:1', description: 'Even when a stopped container uses it.' },
  ],
  async run({ args, flags, io, core }) {
    if (args.length !== 1) throw new CliError('Name one image: benchtop rmi IMAGE [--force].', 2);
    const result = await call(await core(), 'images.remove', { id: args[0], force: flags.force === true });
    for (const tag of result.untagged) io.stdout.write(`Untagged: ${tag}\n`);
    for (const id of result.deleted) io.stdout.write(`Deleted: ${id}\n`);
    return 0;
  },
};

export default rmi;
