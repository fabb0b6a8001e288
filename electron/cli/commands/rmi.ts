import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';

const rmi: Command = {
  name: 'rmi',
  usage: 'benchtop rmi IMAGE [--force]',
  summary: 'Remove an image; when containers use it, names them (--force removes it anyway).',
  async run({ args, flags, io, core }) {
    if (args.length !== 1) throw new CliError('Name one image: benchtop rmi IMAGE [--force].', 2);
    const result = await call(await core(), 'images.remove', { id: args[0], force: flags.force === true || flags.f === true });
    for (const tag of result.untagged) io.stdout.write(`Untagged: ${tag}\n`);
    for (const id of result.deleted) io.stdout.write(`Deleted: ${id}\n`);
    return 0;
  },
};

export default rmi;
