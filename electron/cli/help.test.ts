import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptedFlags, parseArgs } from './args.ts';
import { COMMAND_GROUPS } from './command.ts';
import { flagLabel } from './help.ts';
import { commands } from './registry.ts';
import { runCliCaptured } from './commands/test-support.ts';

// Help needs no engine and no data folder: nothing here starts the core.
const help = (argv: string[], columns: number) => runCliCaptured(argv, { COLUMNS: String(columns) });
const subcommandsOf = (name: string) => commands.find((c) => c.name === name)?.subcommands ?? [];
const helpInvocations = commands.flatMap((c) => [
  [c.name, '--help'],
  ['help', c.name],
  ...subcommandsOf(c.name).flatMap((s) => [
    [c.name, s.name, '--help'],
    ['help', c.name, s.name],
  ]),
]);

describe('benchtop help', () => {
  for (const width of [80, 120]) {
    it(`every help (the list, each command, each subcommand) fits ${width} columns`, async () => {
      for (const argv of [[], ['help'], ['--help'], ...helpInvocations]) {
        const { code, out, err } = await help(argv, width);
        expect({ argv, code: argv.length === 0 ? 0 : code, err }).toEqual({ argv, code: 0, err: '' });
        const long = out.split('\n').filter((line) => [...line].length > width);
        expect({ argv, long }).toEqual({ argv, long: [] });
      }
    });
  }

  it('lists every command once, one line each (when it fits), grouped in the app order', async () => {
    const { out } = await help(['help'], 120);
    for (const command of commands) expect(out.match(new RegExp(`^  ${command.name} +\\S`, 'gm'))).toHaveLength(1);
    const groups = COMMAND_GROUPS.filter((g) => commands.some((c) => c.group === g));
    const positions = groups.map((g) => out.indexOf(`\n${g}:\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toMatch(/Exit codes:\n +0 +success\n +1 +failure[^\n]*\n +2 +usage[^\n]*\n +130 +cancelled/);
  });

  it('a command help has the usage, every flag with its description and default, 2-3 examples and the JSON shape', async () => {
    for (const command of commands) {
      const { out } = await help([command.name, '--help'], 200);
      expect(out).toContain(command.usage);
      for (const flag of acceptedFlags(command)) {
        // At 200 columns nothing wraps; a long label puts its description on the next line.
        const flat = out.replace(/\s+/g, ' ');
        const entry = `${flagLabel(flag).trim()} ${flag.description.replace(/\.$/, '')}`;
        expect({ command: command.name, flag: flag.name, documented: flat.includes(entry) }).toEqual({ command: command.name, flag: flag.name, documented: true });
        if (flag.default !== undefined) expect(flat.slice(flat.indexOf(entry))).toMatch(new RegExp(`^[^\\n]*?default: ${flag.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
      expect({ command: command.name, examples: command.examples.length >= 2 && command.examples.length <= 3 }).toEqual({ command: command.name, examples: true });
      for (const example of command.examples) expect(out).toContain(`$ ${example.command}`);
      if (command.flags.some((f) => f.name === 'json')) {
        expect({ command: command.name, json: Boolean(command.json) }).toEqual({ command: command.name, json: true });
        expect(out).toContain('JSON output (--json):');
      }
    }
  });

  it('electron/cli/README.md shows the 80-column help as it is', async () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const pasted = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(pasted).toBe((await help(['help'], 80)).out);
  });

  it('a typo suggests the command (exit 2); an unknown subcommand too', async () => {
    expect(await runCliCaptured(['comopse'], {})).toEqual({ code: 2, out: '', err: `benchtop: unknown command "comopse". Did you mean compose? Run 'benchtop help' for the list.\n` });
    expect((await runCliCaptured(['help', 'modles'], {})).err).toContain('Did you mean models?');
    expect(await runCliCaptured(['compose', 'upp'], {})).toMatchObject({ code: 2, err: expect.stringContaining('Did you mean up?') });
    expect(await runCliCaptured(['ps', '--jsn'], {})).toMatchObject({ code: 2, err: expect.stringContaining('Did you mean --json?') });
  });
});

describe('the flag tables', () => {
  it('every flag the parser accepts has a help line, and nothing else is accepted', () => {
    for (const command of commands) {
      const names = command.flags.map((f) => f.name);
      expect({ command: command.name, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ command: command.name, duplicates: [] });
      const shorts = command.flags.filter((f) => f.short).map((f) => f.short);
      expect(new Set(shorts).size).toBe(shorts.length);
      for (const flag of acceptedFlags(command)) {
        expect(flag.description.length).toBeGreaterThan(0);
        const argv = [command.name, `--${flag.name}`, ...(flag.value ? ['v'] : [])];
        expect(Object.keys(parseArgs(argv, (n) => commands.find((c) => c.name === n)).flags)).toEqual([flag.name]);
        if (flag.short) expect(Object.keys(parseArgs([command.name, `-${flag.short}`, ...(flag.value ? ['v'] : [])], (n) => commands.find((c) => c.name === n)).flags)).toEqual([flag.name]);
      }
      expect(() => parseArgs([command.name, '--no-such-flag'], (n) => commands.find((c) => c.name === n))).toThrow('unknown flag --no-such-flag');
      for (const sub of command.subcommands ?? []) {
        for (const name of sub.flags) expect({ command: command.name, sub: sub.name, flag: name, declared: names.includes(name) }).toMatchObject({ declared: true });
      }
    }
  });

  it("each command's source reads only flags its table declares", () => {
    // Static: the literal reads in the command's file. Dynamic reads are caught at run time by guardFlags.
    const patterns = [/\bflags\.([A-Za-z_]\w*)/g, /\bflags\[['"]([^'"]+)['"]\]/g, /\(flags, ['"]([^'"]+)['"]\)/g];
    for (const command of commands) {
      const source = readFileSync(new URL(`./commands/${command.name}.ts`, import.meta.url), 'utf8');
      const declared = new Set(acceptedFlags(command).map((f) => f.name));
      const read = new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1])));
      expect({ command: command.name, undeclared: [...read].filter((name) => !declared.has(name)) }).toEqual({ command: command.name, undeclared: [] });
    }
  });
});

describe('benchtop version', () => {
  it('--version prints the version alone; version --json reports the engine (or why there is none) and exits 0', async () => {
    const short = await runCliCaptured(['--version'], {});
    expect(short.out).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    // An engine address nothing listens on: reported, not fatal.
    const home = mkdtempSync(join(tmpdir(), 'benchtop-version-'));
    const report = await runCliCaptured(['version', '--json'], { ...process.env, DOCKER_HOST: 'tcp://127.0.0.1:1', BENCHTOP_HOME: home }).finally(() => rmSync(home, { recursive: true, force: true }));
    expect(report.code).toBe(0);
    const json = JSON.parse(report.out) as { benchtop: string; node: string; engine: { connected: boolean; error: string | null } };
    expect(json.benchtop).toBe(short.out.trim());
    expect(json.node).toBe(process.versions.node);
    expect(typeof json.engine.connected).toBe('boolean');
    if (!json.engine.connected) expect(json.engine.error).toBeTruthy();
  });
});
