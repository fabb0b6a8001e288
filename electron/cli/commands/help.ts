import { CliError, type Command } from '../command.ts';
import { findSubcommand, renderCommandHelp, renderOverview } from '../help.ts';
import { didYouMean } from '../suggest.ts';
import { styles, terminalWidth } from '../terminal.ts';

/** `benchtop help [COMMAND [SUBCOMMAND]]`: the list of commands, or one command's full help. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    group: 'CLI',
    usage: 'benchtop help [COMMAND [SUBCOMMAND]]',
    summary: 'Help on a command, or the list of commands',
    description: "The same as 'benchtop COMMAND [SUBCOMMAND] --help'.",
    flags: [],
    args: ['benchtop-command'],
    examples: [
      { command: 'benchtop help', description: 'Every command, grouped.' },
      { command: 'benchtop help compose up', description: 'The flags, examples and JSON shape of one subcommand.' },
    ],
    async run({ args, io }) {
      const style = { width: terminalWidth(io), styles: styles(io) };
      const [name, subName, extra] = args;
      const commands = all();
      if (name === undefined) {
        io.stdout.write(renderOverview(commands, style));
        return 0;
      }
      const command = commands.find((c) => c.name === name);
      if (!command) throw new CliError(`unknown command "${name}".${didYouMean(name, commands.map((c) => c.name))} Run 'benchtop help' for the list.`, 2);
      const sub = findSubcommand(command, subName);
      if (subName !== undefined && !sub) {
        const subs = (command.subcommands ?? []).map((s) => s.name);
        throw new CliError(`benchtop ${name} has no subcommand "${subName}".${subs.length ? `${didYouMean(subName, subs)} It has ${subs.join(', ')}.` : ''}`, 2);
      }
      if (extra !== undefined) throw new CliError(`Unexpected "${extra}": benchtop help COMMAND [SUBCOMMAND].`, 2);
      io.stdout.write(renderCommandHelp(command, sub ?? null, style));
      return 0;
    },
  };
}
