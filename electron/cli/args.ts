export interface ParsedArgs {
  command: string | null;
  args: string[];
  flags: Record<string, string | boolean>;
}

/**
 * `benchtop CMD pos --flag --key value --key=value -- rest…`. Flags named in valueFlags take the
 * next word as their value; every other flag is boolean. After `--`, everything is positional.
 */
export function parseArgs(argv: string[], valueFlagsOf: (command: string | null) => string[] = () => []): ParsedArgs {
  const result: ParsedArgs = { command: null, args: [], flags: {} };
  let rest = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (rest) {
      result.args.push(word);
    } else if (word === '--') {
      rest = true;
    } else if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      if (eq !== -1) result.flags[name] = word.slice(eq + 1);
      else if (valueFlagsOf(result.command).includes(name)) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value.`);
        result.flags[name] = value;
        i++;
      } else result.flags[name] = true;
    } else if (word === '-h') {
      result.flags.help = true;
    } else if (result.command === null) {
      result.command = word;
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
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new Error(`--${name} takes a whole number, got ${JSON.stringify(value)}.`);
  return Number(value);
}
