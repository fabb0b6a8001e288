import { APP_VERSION } from '../core/app-version.ts';
import { createCore, type Core } from '../core/app.ts';
import { guardFlags, parseArgs } from './args.ts';
import { CliError, type CliIo } from './command.ts';
import { findSubcommand, renderCommandHelp, renderOverview } from './help.ts';
import { commands, findCommand } from './registry.ts';
import { didYouMean } from './suggest.ts';
import { styles, terminalWidth } from './terminal.ts';

export { commands };

/** The words after a command's name, as its rewriteArgs wants them (top-level flags take no values, so the first word is the command). */
function rewriteForCommand(argv: string[]): string[] {
  const at = argv.findIndex((word) => !word.startsWith('-'));
  const command = at === -1 ? undefined : findCommand(argv[at]);
  return command?.rewriteArgs ? [...argv.slice(0, at + 1), ...command.rewriteArgs(argv.slice(at + 1))] : argv;
}

export async function runCli(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  let core: Core | null = null;
  try {
    const parsed = parseArgs(rewriteForCommand(argv), findCommand);
    const style = { width: terminalWidth(io), styles: styles(io) };
    if (parsed.command === null) {
      if (parsed.flags.version) {
        io.stdout.write(`${APP_VERSION}\n`);
        return 0;
      }
      io.stdout.write(renderOverview(commands, style));
      return parsed.flags.help ? 0 : 2;
    }
    const command = findCommand(parsed.command);
    if (!command) {
      throw new CliError(`unknown command "${parsed.command}".${didYouMean(parsed.command, commands.map((c) => c.name))} Run 'benchtop help' for the list.`, 2);
    }
    const sub = findSubcommand(command, parsed.args[0]);
    if (parsed.flags.help) {
      io.stdout.write(renderCommandHelp(command, sub ?? null, style));
      return 0;
    }
    if (command.subcommands && parsed.args[0] !== undefined && !sub && parsed.args[0] !== 'help') {
      const names = command.subcommands.map((s) => s.name);
      throw new CliError(`benchtop ${command.name} has no subcommand "${parsed.args[0]}".${didYouMean(parsed.args[0], names)} It has ${names.join(', ')}; see 'benchtop help ${command.name}'.`, 2);
    }
    return await command.run({
      args: parsed.args,
      flags: guardFlags(parsed.flags, command),
      io,
      signal,
      core: async () => (core ??= await createCore({ transport: 'cli', env: io.env })),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`benchtop: ${message.split('\n')[0]}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await (core as Core | null)?.close();
  }
}

export async function main(): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal);
  process.exitCode = code;
  // Open handles (the engine's event stream) must not keep a finished command alive.
  setImmediate(() => process.exit(code));
}

if (import.meta.main) await main();
