import { resolve } from 'node:path';
import type { BuildEvent } from '../../../shared/domain/images.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import { CliError, flagList, type Command } from '../command.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { runStream } from '../open-stream.ts';

export function parseBuildArgs(words: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new CliError(`--build-arg takes KEY=VALUE, got ${JSON.stringify(word)}.`, 2);
    result[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return result;
}

const build: Command = {
  name: 'build',
  group: 'Images',
  usage: 'benchtop build DIR [-t TAG]… [--build-arg K=V]… [--target T] [--file F] [--classic]',
  summary: 'Build an image from a folder',
  description:
    "BuildKit (docker buildx) when present, else the Engine API's classic builder. The log goes to stdout; a failure names the failing step and prints its output. Ctrl-C cancels.",
  flags: [
    { name: 'tag', short: 't', value: 'TAG', repeatable: true, description: 'Name the image (name[:tag]).' },
    { name: 'build-arg', value: 'K=V', repeatable: true, description: 'A build argument.' },
    { name: 'target', value: 'T', description: 'Build up to this stage.' },
    { name: 'file', short: 'f', value: 'F', description: 'The Dockerfile, relative to DIR.', default: 'Dockerfile', complete: 'file' },
    { name: 'classic', description: "Use the Engine API's classic builder even when buildx is present." },
  ],
  args: ['dir'],
  examples: [
    { command: 'benchtop build . -t my/model:1', description: 'Build this folder and tag it.' },
    { command: 'benchtop build train --build-arg TORCH=2.4 --target runtime', description: 'A build argument and a stage.' },
  ],
  async run({ args, flags, io, core, signal }) {
    const positional = args;
    const tags = flagList(flags.tag);
    const buildArgWords = flagList(flags['build-arg']);
    if (positional.length !== 1) throw new CliError('Name one folder: benchtop build DIR [-t TAG] [--build-arg K=V] [--target T].', 2);
    const input = {
      context: resolve(positional[0]),
      dockerfile: typeof flags.file === 'string' ? flags.file : 'Dockerfile',
      tags,
      buildArgs: parseBuildArgs(buildArgWords),
      target: typeof flags.target === 'string' ? flags.target : undefined,
      builder: flags.classic === true ? ('classic' as const) : ('auto' as const),
    };
    let result: BuildEvent | null = null;
    const { cancelled } = await runStream(
      await core(),
      'images.build',
      input,
      (event) => {
        if (event.type === 'started') {
          io.stderr.write(`Building with ${event.builder === 'buildx' ? 'BuildKit (docker buildx)' : 'the classic builder (Engine API)'}: ${event.contextFiles} files, ${formatBytes(event.contextBytes)} of context\n`);
        } else if (event.type === 'log') {
          io.stdout.write(event.lines.map((l) => l.text).join('\n') + '\n');
        } else result = event;
      },
      signal,
    );
    if (cancelled) {
      io.stderr.write('benchtop: build cancelled.\n');
      return 130;
    }
    const end = result as BuildEvent | null;
    if (end?.type === 'failed') {
      if (end.stepOutput.length > 0) io.stderr.write(`Output of the failing step:\n${end.stepOutput.map((l) => `  ${l}`).join('\n')}\n`);
      throw new CliError(`Build failed${end.failedStep ? ` at ${end.failedStep}` : ''}: ${end.message}`);
    }
    if (end?.type === 'succeeded') io.stdout.write(`Built ${end.imageId ? shortImageId(end.imageId) : ''}${end.tags.length ? ` as ${end.tags.join(', ')}` : ''}\n`);
    return 0;
  },
};

export default build;
