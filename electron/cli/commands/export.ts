import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import { exportTargetSchema } from '../../../shared/api/methods/exports.ts';
import { formatNote } from '../../core/exports/export-notes.ts';
import { exportPipeline } from '../../core/exports/export-pipeline.ts';
import { writeExport } from '../../core/exports/save-export.ts';
import { CliError, type CliContext, type Command } from '../command.ts';

/** `-o OUT` (the argument parser only knows long flags), also `--output OUT`. */
export function takeOutput(args: string[], flags: CliContext['flags']): { rest: string[]; output: string | undefined } {
  const rest = [...args];
  const index = rest.indexOf('-o');
  let output = typeof flags.output === 'string' ? flags.output : undefined;
  if (index !== -1) {
    output = rest[index + 1];
    if (output === undefined) throw new CliError('-o needs a file path (or - for standard output).', 2);
    rest.splice(index, 2);
  }
  return { rest, output };
}

export async function readPipelineFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file} (${error.code ?? error.message}): check the path.`, 2);
  });
}

const exportCommand: Command = {
  name: 'export',
  group: 'Export',
  usage: 'benchtop export argo|github-actions FILE [-o OUT] [--namespace NS] [--artifact-repository-ref NAME[:KEY]] [--force] [--json]',
  summary: 'Export a pipeline to Argo Workflows or GitHub Actions',
  description:
    'Validated before anything is written; to stdout or atomically to OUT. Warnings and errors go to stderr as warning|error: step S: FIELD: message; any error writes nothing (exit 1).',
  flags: [
    { name: 'output', short: 'o', value: 'OUT', description: 'Write to this file (- for stdout).', default: 'stdout', complete: 'file' },
    { name: 'namespace', value: 'NS', description: 'argo: the namespace.' },
    { name: 'artifact-repository-ref', value: 'NAME[:KEY]', description: 'argo: the artifact repository ConfigMap (and key).' },
    { name: 'force', description: 'Replace an existing OUT.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  subcommands: [
    { name: 'argo', usage: 'benchtop export argo FILE [-o OUT] [--namespace NS] [--artifact-repository-ref NAME[:KEY]] [--force] [--json]', summary: 'A WorkflowTemplate, plus a CronWorkflow when scheduled', flags: ['output', 'namespace', 'artifact-repository-ref', 'force', 'json'], args: ['file'] },
    { name: 'github-actions', usage: 'benchtop export github-actions FILE [-o OUT] [--force] [--json]', summary: 'A workflow that runs it with benchtop run', flags: ['output', 'force', 'json'], args: ['file'] },
  ],
  examples: [
    { command: 'benchtop export argo pipeline.yaml -o argo.yaml --namespace ml', description: 'An Argo WorkflowTemplate into argo.yaml.' },
    { command: 'benchtop export github-actions pipeline.yaml -o .github/workflows/pipeline.yaml', description: 'A GitHub Actions workflow.' },
  ],
  json: 'target, kinds, path (or null), notes (severity, step, field, message), yaml (when not written to a file).',
  async run({ args, flags, io }) {
    const { rest, output } = takeOutput(args, flags);
    const [targetWord, file, extra] = rest;
    const target = exportTargetSchema.safeParse(targetWord);
    if (!target.success || !file) throw new CliError('Usage: benchtop export argo|github-actions FILE [-o OUT].', 2);
    if (extra !== undefined) throw new CliError(`Unexpected ${JSON.stringify(extra)}: name one pipeline file.`, 2);
    const namespace = typeof flags.namespace === 'string' ? flags.namespace : undefined;
    const ref = typeof flags['artifact-repository-ref'] === 'string' ? flags['artifact-repository-ref'] : undefined;
    if (target.data === 'github-actions' && (namespace || ref)) throw new CliError('--namespace and --artifact-repository-ref apply to argo exports only.', 2);
    if (namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) throw new CliError(`--namespace "${namespace}" is not a DNS-1123 label.`, 2);

    const text = await readPipelineFile(file);
    const outcome = exportPipeline({ target: target.data, text, file: resolve(file), namespace, artifactRepositoryRef: ref });
    const toFile = output !== undefined && output !== '-';
    let path: string | null = null;
    if (outcome.yaml !== null && toFile) {
      path = resolve(output);
      try {
        await writeExport(path, outcome.yaml, flags.force === true);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') throw new CliError(`${path} already exists: pass --force to replace it.`);
        throw error;
      }
    }
    if (flags.json) {
      io.stdout.write(JSON.stringify({ target: outcome.target, kinds: outcome.kinds, path, notes: outcome.notes, yaml: toFile ? undefined : outcome.yaml }, null, 2) + '\n');
      return outcome.yaml === null ? 1 : 0;
    }
    for (const note of outcome.notes) io.stderr.write(`${formatNote(note)}\n`);
    if (outcome.yaml === null) {
      io.stderr.write(`benchtop: ${file}: not exported (${outcome.notes.filter((n) => n.severity === 'error').length} error(s) above); nothing was written.\n`);
      return 1;
    }
    if (path) io.stderr.write(`wrote ${outcome.kinds.join(' + ')} to ${path}\n`);
    else io.stdout.write(outcome.yaml);
    return 0;
  },
};

export default exportCommand;
