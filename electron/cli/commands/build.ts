import { resolve } from 'node:path';
import type { BuildEvent } from '../../../shared/domain/images.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import { CliError, type Command } from '../command.ts';
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
  usage: 'benchtop build DIR [-t TAG] [--build-arg K=V] [--target T] [--file F] [--classic]',
  summary: 'Build an image from a folder: BuildKit through docker buildx when present, else the classic builder. Ctrl-C cancels.',
  // --build-arg is left out on purpose: it repeats, so its K=V words arrive as positionals.
  valueFlags: ['tag', 'target', 'file'],
  async run({ args, flags, io, core, signal }) {
    // "-t TAG" is not a long flag: the parser leaves both words as positionals.
    const positional: string[] = [];
    const tags: string[] = [];
    const buildArgWords: string[] = [];
    const hasBuildArgFlag = flags['build-arg'] !== undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-t') {
        if (args[i + 1] === undefined) throw new CliError('-t needs a tag, e.g. -t my/model:1.', 2);
        tags.push(args[++i]);
      } else if (hasBuildArgFlag && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i])) buildArgWords.push(args[i]);
      else positional.push(args[i]);
    }
    if (typeof flags['build-arg'] === 'string') buildArgWords.push(flags['build-arg']);
    if (typeof flags.tag === 'string') tags.push(flags.tag);
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
