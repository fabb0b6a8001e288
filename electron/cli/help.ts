import { APP_VERSION } from '../core/app-version.ts';
import { GLOBAL_FLAGS, TOP_LEVEL_FLAGS, acceptedFlags } from './args.ts';
import { COMMAND_GROUPS, type Command, type FlagSpec, type Subcommand } from './command.ts';
import { wrap, type Styles } from './terminal.ts';

export interface HelpStyle {
  width: number;
  styles: Styles;
}

/** The exit codes, as `benchtop help` and electron/cli/README.md state them. */
export const EXIT_CODE_TABLE: readonly [number, string][] = [
  [0, 'success'],
  [1, 'failure: one line on stderr says what to do (a failed run or check too)'],
  [2, 'usage: unknown command or flag, bad or missing argument, invalid file'],
  [130, 'cancelled by Ctrl-C (what only follows or serves exits 0 then)'],
];

/** `-f, --file FILE` / `    --json`. */
export function flagLabel(flag: FlagSpec): string {
  const long = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
}

/** Two columns (label, text); the text wraps beside its label, or under it when the label is long. */
function twoColumns(rows: [string, string][], { width }: HelpStyle, indent = '  ', maxLabel = 26): string[] {
  const labelWidth = Math.min(maxLabel, Math.max(0, ...rows.map(([label]) => label.length)));
  const column = indent + ' '.repeat(labelWidth) + '  ';
  const lines: string[] = [];
  for (const [label, text] of rows) {
    if (label.length > labelWidth) {
      lines.push(...wrap(label, width, indent + '    ', indent));
      lines.push(...wrap(text, width, column));
    } else lines.push(...wrap(text, width, column, indent + label.padEnd(labelWidth) + '  '));
  }
  return lines;
}

function section(title: string, style: HelpStyle): string {
  return style.styles.bold(title);
}

function usageLines(usage: string, style: HelpStyle): string[] {
  const [first, ...rest] = wrap(usage, style.width, '    ', '  ');
  return [section('Usage:', style), first, ...rest];
}

function describeFlag(flag: FlagSpec): string {
  const extra = [flag.repeatable ? 'repeatable' : '', flag.default !== undefined ? `default: ${flag.default}` : ''].filter(Boolean).join('; ');
  if (!extra) return flag.description;
  const text = flag.description.replace(/\.$/, '');
  return `${text} (${extra})${text === flag.description ? '' : '.'}`;
}

function flagLines(flags: readonly FlagSpec[], style: HelpStyle): string[] {
  return twoColumns(flags.map((flag) => [flagLabel(flag), describeFlag(flag)]), style);
}

/** `benchtop help`: usage, the commands grouped one line each, global flags, exit codes. */
export function renderOverview(commands: readonly Command[], style: HelpStyle): string {
  const lines: string[] = [
    section('Usage:', style),
    '  benchtop COMMAND [ARGS] [FLAGS]',
    '  benchtop help COMMAND [SUBCOMMAND]',
    '',
    ...wrap(`Benchtop ${APP_VERSION}: a reproducible ML lab on your container engine.`, style.width),
  ];
  const nameWidth = Math.max(...commands.map((c) => c.name.length));
  for (const group of COMMAND_GROUPS) {
    const members = commands.filter((c) => c.group === group);
    if (members.length === 0) continue;
    lines.push('', section(`${group}:`, style));
    lines.push(...twoColumns(members.map((c) => [c.name.padEnd(nameWidth), c.summary]), style));
  }
  lines.push('', section('Flags:', style), ...flagLines(TOP_LEVEL_FLAGS, style));
  lines.push('', section('Exit codes:', style), ...twoColumns(EXIT_CODE_TABLE.map(([code, text]) => [String(code).padStart(3), text]), style));
  lines.push(
    '',
    ...wrap('Every listing takes --json. BENCHTOP_HOME sets the data folder; NO_COLOR turns colour off; COLUMNS sets the width help wraps to.', style.width),
    ...wrap("Run 'benchtop help COMMAND' (or 'benchtop COMMAND --help') for its flags, examples and --json shape.", style.width),
  );
  return lines.join('\n') + '\n';
}

function examplesFor(command: Command, sub: Subcommand | null): Command['examples'] {
  if (!sub) return command.examples;
  const words = [sub.name, ...(sub.aliases ?? [])];
  return command.examples.filter((e) => words.some((w) => e.command.startsWith(`benchtop ${command.name} ${w}`)));
}

function exampleLines(examples: Command['examples'], style: HelpStyle): string[] {
  if (examples.length === 0) return [];
  const lines = ['', section('Examples:', style)];
  for (const example of examples) {
    lines.push(...wrap(example.command, style.width, '      ', '  $ '));
    lines.push(...wrap(example.description, style.width, '    '));
  }
  return lines;
}

function jsonLines(json: string | undefined, style: HelpStyle): string[] {
  return json ? ['', section('JSON output (--json):', style), ...wrap(json, style.width, '  ')] : [];
}

/** `benchtop COMMAND --help` / `benchtop help COMMAND [SUB]`. */
export function renderCommandHelp(command: Command, sub: Subcommand | null, style: HelpStyle): string {
  const lines: string[] = [];
  if (sub) {
    lines.push(...usageLines(sub.usage, style), '', ...wrap(sub.summary, style.width));
    const own = sub.flags.map((name) => command.flags.find((f) => f.name === name)).filter((f): f is FlagSpec => f !== undefined);
    lines.push('', section('Flags:', style), ...flagLines([...own, ...GLOBAL_FLAGS], style));
    lines.push(...exampleLines(examplesFor(command, sub), style));
    if (sub.flags.includes('json')) lines.push(...jsonLines(sub.json ?? command.json, style));
    return lines.join('\n') + '\n';
  }
  lines.push(...usageLines(command.usage, style), '', ...wrap(command.summary, style.width));
  if (command.description) lines.push('', ...wrap(command.description, style.width));
  if (command.subcommands?.length) {
    lines.push('', section('Subcommands:', style));
    lines.push(...twoColumns(command.subcommands.map((s) => [[s.name, ...(s.aliases ?? [])].join(', '), s.summary]), style, '  ', 16));
  }
  lines.push('', section('Flags:', style), ...flagLines(acceptedFlags(command), style));
  lines.push(...exampleLines(command.examples, style));
  lines.push(...jsonLines(command.json, style));
  if (command.subcommands?.length) lines.push('', ...wrap(`Run 'benchtop help ${command.name} SUBCOMMAND' for a subcommand's flags.`, style.width));
  return lines.join('\n') + '\n';
}

/** A command's subcommand by name or alias. */
export function findSubcommand(command: Command, word: string | undefined): Subcommand | undefined {
  return word === undefined ? undefined : command.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
}
