import { CliError, type Command, type FlagSpec, type FlagValue } from './command.ts';
import { didYouMean } from './suggest.ts';

export interface ParsedArgs {
  command: string | null;
  args: string[];
  flags: Record<string, FlagValue>;
}

/** Flags every command takes; the help prints them under each command's own. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [{ name: 'help', short: 'h', description: 'Print this help and exit.' }];

/** Flags `benchtop` takes before any command. */
export const TOP_LEVEL_FLAGS: readonly FlagSpec[] = [...GLOBAL_FLAGS, { name: 'version', description: 'Print the version and exit.' }];

/** The flags a parse of COMMAND accepts: its table and the global ones. */
export function acceptedFlags(command: Pick<Command, 'flags'>): FlagSpec[] {
  return [...command.flags, ...GLOBAL_FLAGS.filter((g) => !command.flags.some((f) => f.name === g.name))];
}

/** Where flag parsing stops: after this many positionals (counted after the subcommand when there is one). */
function stopAfter(command: Command, positionals: string[]): number | undefined {
  const sub = command.subcommands?.find((s) => s.name === positionals[0] || s.aliases?.includes(positionals[0]));
  if (sub) return sub.stopFlagsAfter === undefined ? undefined : sub.stopFlagsAfter + 1;
  return command.stopFlagsAfter;
}

/**
 * `benchtop CMD pos --flag --key value --key=value -k value -abc -- rest…`, read against the
 * command's flag table (the same table the help prints): a flag with a `value` takes the next word,
 * a repeatable one collects every value, the others are switches. A flag the table does not have,
 * a value given to a switch or a value flag without its value is a usage error (exit 2). After
 * `--`, or past the command's stopFlagsAfter positionals, every word is positional.
 */
export function parseArgs(argv: string[], commandOf: (name: string) => Command | undefined): ParsedArgs {
  const result: ParsedArgs = { command: null, args: [], flags: {} };
  let table: readonly FlagSpec[] = TOP_LEVEL_FLAGS;
  let command: Command | undefined;
  let rest = false;
  const where = () => (result.command === null ? 'benchtop' : `benchtop ${result.command}`);
  const unknown = (written: string, name: string) => {
    const names = table.map((f) => `--${f.name}`);
    return new CliError(`unknown flag ${written} for ${where()}.${didYouMean(`--${name}`, names)} See \`${where()} --help\`.`, 2);
  };
  const set = (flag: FlagSpec, value: string | true) => {
    if (flag.repeatable && typeof value === 'string') {
      const previous = result.flags[flag.name];
      result.flags[flag.name] = [...(Array.isArray(previous) ? previous : []), value];
    } else result.flags[flag.name] = value;
  };
  const takeValue = (flag: FlagSpec, written: string, index: number): string => {
    const value = argv[index];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${flag.name} needs a value.`, 2);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!rest && command) {
      const limit = stopAfter(command, result.args);
      if (limit !== undefined && result.args.length >= limit) {
        rest = true;
        // `benchtop exec NAME -- CMD` still works: the `--` right where flags stop is dropped.
        if (word === '--') continue;
      }
    }
    if (rest) {
      result.args.push(word);
    } else if (word === '--') {
      rest = true;
    } else if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      const flag = table.find((f) => f.name === name);
      if (!flag) throw unknown(eq === -1 ? word : word.slice(0, eq), name);
      if (!flag.value) {
        if (eq !== -1) throw new CliError(`--${name} takes no value (it is a switch); drop "=${word.slice(eq + 1)}".`, 2);
        set(flag, true);
      } else if (eq !== -1) set(flag, word.slice(eq + 1));
      else {
        set(flag, takeValue(flag, word, i + 1));
        i++;
      }
    } else if (/^-[A-Za-z]/.test(word)) {
      // -x, -x VALUE, -xVALUE, or switches together (-af).
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        const flag = table.find((f) => f.short === letter);
        if (!flag) {
          const shorts = table.filter((f) => f.short).map((f) => `-${f.short}`);
          throw new CliError(`unknown flag -${letter} for ${where()}.${shorts.length ? ` It takes ${shorts.join(', ')}.` : ''} See \`${where()} --help\`.`, 2);
        }
        if (!flag.value) {
          set(flag, true);
          continue;
        }
        if (j < word.length - 1) set(flag, word.slice(j + 1));
        else {
          set(flag, takeValue(flag, word, i + 1));
          i++;
        }
        break;
      }
    } else if (result.command === null) {
      result.command = word;
      command = commandOf(word);
      if (!command) {
        // An unknown command: the caller says so (with a suggestion); keep the rest as they are.
        result.args.push(...argv.slice(i + 1));
        break;
      }
      table = acceptedFlags(command);
    } else {
      result.args.push(word);
    }
  }
  return result;
}

/** A flag that must be a non-negative integer, or undefined when absent. */
export function integerFlag(flags: ParsedArgs['flags'], name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new CliError(`--${name} takes a whole number, got ${JSON.stringify(value)}.`, 2);
  return Number(value);
}

/**
 * The flags as a command sees them: reading one its table does not declare is a bug in the command
 * (it would never be set), so it throws instead of quietly reading undefined.
 */
export function guardFlags(flags: Record<string, FlagValue>, command: Command): Record<string, FlagValue> {
  const declared = new Set(acceptedFlags(command).map((f) => f.name));
  return new Proxy(flags, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !declared.has(key) && !(key in Object.prototype) && key !== 'toJSON') {
        throw new Error(`benchtop ${command.name} read the flag --${key}, which its flag table does not declare (a bug: add it to the table in electron/cli/commands/${command.name}.ts).`);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
