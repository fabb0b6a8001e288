import { readFile } from 'node:fs/promises';
import { formatProblem } from '../../../shared/pipeline/problems.ts';
import { parsePipeline } from '../../../shared/pipeline/validate.ts';
import { CliError, type Command } from '../command.ts';

const validate: Command = {
  name: 'validate',
  group: 'Pipelines',
  usage: 'benchtop validate FILE [--json]',
  summary: 'Check a pipeline file',
  description: 'Prints FILE:LINE:COL: message per problem; exit 1 when there is one.',
  flags: [{ name: 'json', description: 'Print JSON.' }],
  args: ['file'],
  examples: [
    { command: 'benchtop validate pipeline.yaml', description: 'Check it.' },
    { command: 'benchtop validate pipeline.yaml --json', description: 'The problems as JSON.' },
  ],
  json: 'file, valid, problems (file, line, column, path, message).',
  async run({ args, flags, io }) {
    if (args.length !== 1) throw new CliError('Name one pipeline file: benchtop validate FILE.', 2);
    const file = args[0];
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`Cannot read ${file} (${error.code ?? error.message}): check the path.`, 2);
    });
    const result = parsePipeline(text);
    if (flags.json) {
      const problems = result.ok ? [] : result.problems.map((p) => ({ file, line: p.line, column: p.column, path: p.path, message: p.message }));
      io.stdout.write(JSON.stringify({ file, valid: result.ok, problems }, null, 2) + '\n');
      return result.ok ? 0 : 1;
    }
    if (result.ok) {
      io.stdout.write(`${file}: valid pipeline "${result.spec.metadata.name}" with ${Object.keys(result.spec.steps).length} steps\n`);
      return 0;
    }
    io.stdout.write(result.problems.map((p) => formatProblem(file, p)).join('\n') + '\n');
    return 1;
  },
};

export default validate;
