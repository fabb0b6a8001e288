import { createInterface } from 'node:readline/promises';
import { pruneScopeSchema, type PrunePreview, type PruneScope } from '../../../shared/domain/disk-usage.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import { call } from '../call.ts';
import { CliError, type CliContext, type Command } from '../command.ts';
import { formatTable } from '../format.ts';

const SCOPES = pruneScopeSchema.options.join('|');

function parseScope(args: string[]): PruneScope {
  if (args.length > 1) throw new CliError(`Name one thing to prune: benchtop prune [${SCOPES}].`, 2);
  const parsed = pruneScopeSchema.safeParse(args[0] ?? 'all');
  if (!parsed.success) throw new CliError(`Cannot prune "${args[0]}": name one of ${SCOPES}.`, 2);
  return parsed.data;
}

function describe(preview: PrunePreview): string {
  if (preview.items.length === 0) return 'Nothing to prune.\n';
  const rows = preview.items.map((item) => [item.target, item.name, item.size === null ? '-' : formatBytes(item.size)]);
  return formatTable(['TYPE', 'NAME', 'SIZE'], rows) + `${preview.items.length} item${preview.items.length === 1 ? '' : 's'}, ${formatBytes(preview.bytes)}\n`;
}

async function confirm(question: string, signal: AbortSignal): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(question, { signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    prompt.close();
  }
}

async function run({ args, flags, io, core, signal }: CliContext): Promise<number> {
  const scope = parseScope(args);
  const app = await core();
  const preview = await call(app, 'system.prunePreview', { scope });
  if (flags['dry-run']) {
    io.stdout.write(flags.json ? JSON.stringify(preview, null, 2) + '\n' : describe(preview));
    return 0;
  }
  if (preview.items.length === 0 && !flags.json) {
    io.stdout.write('Nothing to prune.\n');
    return 0;
  }
  if (!flags.force) {
    if (!process.stdin.isTTY || !io.stdout.isTTY) {
      throw new CliError('Pruning deletes data: pass --force to prune without a terminal, or --dry-run to see what would go.', 2);
    }
    io.stdout.write(describe(preview));
    if (!(await confirm(`Remove these ${preview.items.length} items for good? [y/N] `, signal))) {
      io.stderr.write('Nothing was removed.\n');
      return 1;
    }
  }
  if (signal.aborted) return 130;
  if (io.stdout.isTTY && !flags.json) io.stdout.write(`Pruning ${scope}…\n`);
  const result = await call(app, 'system.prune', { scope });
  if (flags.json) {
    io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  for (const item of result.removed) io.stdout.write(`removed ${item.target.replace(/s$/, '')} ${item.name}\n`);
  io.stdout.write(`Reclaimed ${formatBytes(result.bytesReclaimed)} (${result.removed.length} removed).\n`);
  return 0;
}

const prune: Command = {
  name: 'prune',
  group: 'Host',
  usage: `benchtop prune [${SCOPES}] [--dry-run] [--force] [--json]`,
  summary: 'Remove stopped containers, dangling images, unused data',
  description: 'Removes stopped containers, dangling images, unused volumes, networks and build cache (all of them by default). Asks first on a terminal; without one it needs --force (exit 2 without).',
  flags: [
    { name: 'dry-run', description: 'Print what would go and the bytes; remove nothing.' },
    { name: 'force', short: 'f', description: 'Do not ask.' },
    { name: 'json', description: 'Print JSON.' },
  ],
  args: [pruneScopeSchema.options],
  examples: [
    { command: 'benchtop prune --dry-run', description: 'What a prune of everything would remove.' },
    { command: 'benchtop prune images --force', description: 'Remove dangling images without asking.' },
  ],
  json: '--dry-run: {scope, items: [{target, id, name, size}], bytes}; otherwise {scope, removed: [{target, id, name}], bytesReclaimed}.',
  run,
};

export default prune;
