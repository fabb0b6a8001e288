import { describe, expect, it } from 'vitest';
import { guardFlags, parseArgs } from './args.ts';
import type { Command } from './command.ts';

// A made-up command: the parser reads only its table.
const demo: Command = {
  name: 'demo',
  group: 'CLI',
  usage: 'benchtop demo',
  summary: 'demo',
  flags: [
    { name: 'all', short: 'a', description: 'switch' },
    { name: 'force', short: 'f', description: 'switch' },
    { name: 'tail', short: 'n', value: 'N', description: 'value' },
    { name: 'param', value: 'K=V', repeatable: true, description: 'repeatable' },
  ],
  subcommands: [
    { name: 'ls', usage: 'benchtop demo ls', summary: 'ls', flags: ['all'] },
    { name: 'exec', usage: 'benchtop demo exec ENV CMD', summary: 'exec', flags: [], stopFlagsAfter: 1 },
  ],
  examples: [],
  run: async () => 0,
};
const parse = (...argv: string[]) => parseArgs(argv, (name) => (name === 'demo' ? demo : undefined));
const usageError = (argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    return { code: (error as { exitCode?: number }).exitCode, message: (error as Error).message };
  }
  return null;
};

describe('parseArgs reads the command table', () => {
  it('long, =, short, attached and clustered flags; repeatable ones collect every value', () => {
    expect(parse('demo', 'x', '--all', '--tail', '5', '--param', 'a=1', '--param=b=x=y', 'y')).toEqual({ command: 'demo', args: ['x', 'y'], flags: { all: true, tail: '5', param: ['a=1', 'b=x=y'] } });
    expect(parse('demo', '-af', '-n', '3').flags).toEqual({ all: true, force: true, tail: '3' });
    expect(parse('demo', '-n7').flags).toEqual({ tail: '7' });
    expect(parse('demo', '-an', '2').flags).toEqual({ all: true, tail: '2' });
    expect(parse('demo', '-h').flags).toEqual({ help: true });
  });

  it('after -- and past stopFlagsAfter every word is positional; a lone - is positional', () => {
    expect(parse('demo', '--', '--all', '-x').args).toEqual(['--all', '-x']);
    expect(parse('demo', 'exec', 'box', 'ls', '-la', '--all')).toMatchObject({ args: ['exec', 'box', 'ls', '-la', '--all'], flags: {} });
    expect(parse('demo', 'exec', 'box', '--', 'ls', '-l').args).toEqual(['exec', 'box', 'ls', '-l']);
    expect(parse('demo', '-', '--tail', '-')).toMatchObject({ args: ['-'], flags: { tail: '-' } });
  });

  it('refuses what the table does not have, with a suggestion and exit 2', () => {
    expect(usageError(['demo', '--tial', '3'])).toEqual({ code: 2, message: 'unknown flag --tial for benchtop demo. Did you mean --tail? See `benchtop demo --help`.' });
    expect(usageError(['demo', '-x'])?.message).toBe('unknown flag -x for benchtop demo. It takes -a, -f, -n, -h. See `benchtop demo --help`.');
    expect(usageError(['demo', '--all=yes'])).toEqual({ code: 2, message: '--all takes no value (it is a switch); drop "=yes".' });
    expect(usageError(['demo', '--tail'])).toEqual({ code: 2, message: '--tail needs a value.' });
    expect(usageError(['--jsn'])?.message).toBe('unknown flag --jsn for benchtop. See `benchtop --help`.');
  });

  it('leaves the words after an unknown command alone (the caller suggests one)', () => {
    expect(parse('demoo', '--whatever', 'x')).toEqual({ command: 'demoo', args: ['--whatever', 'x'], flags: {} });
  });

  it('guardFlags: reading a flag the table does not declare throws', () => {
    const flags = guardFlags({ all: true }, demo);
    expect(flags.all).toBe(true);
    expect(flags.tail).toBeUndefined();
    expect(flags.help).toBeUndefined();
    expect(() => flags.json).toThrow('benchtop demo read the flag --json, which its flag table does not declare');
    expect(JSON.stringify(flags)).toBe('{"all":true}');
  });
});
