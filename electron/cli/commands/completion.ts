import { CliError, type Command } from '../command.ts';
import { SHELLS, completionScript, type Shell } from '../completion-script.ts';

/** `benchtop completion bash|zsh|fish`: a completion script made from the command tables. */
export function completionCommand(all: () => readonly Command[]): Command {
  return {
    name: 'completion',
    group: 'CLI',
    usage: 'benchtop completion bash|zsh|fish',
    summary: 'Print a shell completion script',
    description:
      'Completes commands, subcommands and flags, and live names where it is cheap (containers, images, compose stacks, models, aliases, environments, endpoints), each from a quick benchtop … --json call.',
    flags: [],
    args: [SHELLS],
    examples: [
      { command: 'source <(benchtop completion bash)', description: 'In ~/.bashrc: completion in every bash.' },
      { command: 'benchtop completion zsh > "${fpath[1]}/_benchtop"', description: 'Install it for zsh (then restart the shell).' },
      { command: 'benchtop completion fish > ~/.config/fish/completions/benchtop.fish', description: 'Install it for fish.' },
    ],
    async run({ args, io }) {
      const [shell, extra] = args;
      if (!shell || !(SHELLS as readonly string[]).includes(shell) || extra !== undefined) {
        throw new CliError(`Name one shell: benchtop completion ${SHELLS.join('|')}.`, 2);
      }
      io.stdout.write(completionScript(shell as Shell, all()));
      return 0;
    },
  };
}
