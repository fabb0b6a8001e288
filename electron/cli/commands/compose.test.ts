import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../core/api/dispatcher.ts';
import { createComposeHandlers } from '../../core/compose/handlers.ts';
import { createComposeService } from '../../core/compose/service.ts';
import type { EngineConnection } from '../../core/engine/connection.ts';
import { TaskRegistry } from '../../core/tasks/registry.ts';
import type { CliContext } from '../command.ts';
import { parseArgs } from '../args.ts';
import compose, { parseComposeArgs, rewriteComposeArgs } from './compose.ts';
import { runCommand } from './test-support.ts';

// `config` needs no engine: the client is never asked for (a fake that throws proves it).
const service = createComposeService({
  client: async () => {
    throw new Error('the engine is not used by compose config');
  },
  events: { subscribe: () => () => {} },
  env: {},
});
const dispatcher = createDispatcher(createComposeHandlers(service, {} as unknown as EngineConnection, new TaskRegistry()) as unknown as Handlers, { validateOutputs: true });
const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The words after `benchtop compose`, read as the CLI reads them (rewrite, then the flag table). */
const words = (argv: string[]) => parseArgs(['compose', ...rewriteComposeArgs(argv)], (name) => (name === 'compose' ? compose : undefined));
const run = (argv: string[], flags: CliContext['flags'] = {}) => {
  const parsed = words(argv);
  return runCommand(compose, dispatcher, parsed.args, { ...parsed.flags, ...flags });
};

describe('benchtop compose', () => {
  it('config -f A -f B --json prints the merged model with stable field names', async () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox\n    environment: [A=1]\n');
    writeFileSync(join(dir, 'gpu.yaml'), 'services:\n  web:\n    gpus: all\n');
    const result = await run(['config', '-f', join(dir, 'compose.yaml'), '-f', join(dir, 'gpu.yaml'), '-p', 'lab'], { json: true });
    expect(result.code).toBe(0);
    const model = JSON.parse(result.out);
    expect(model).toMatchObject({ name: 'lab', configFiles: [join(dir, 'compose.yaml'), join(dir, 'gpu.yaml')] });
    expect(model.services.web).toMatchObject({ image: 'busybox', environment: { A: '1' }, deviceRequests: [{ Count: -1, Capabilities: [['gpu']] }] });
  });

  it('a broken file fails with file:line:column and exit 2', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'services:\n  web:\n    image: busybox\n    ports: ["80:http"]\n');
    const result = await run(['config', '-f', join(dir, 'bad.yaml')]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`${join(dir, 'bad.yaml')}:4:13: "80:http" is not a port mapping: "http" is not a port number or range.`);
  });

  it('config with one broken file of several leaves it out, names it, exits 0; one file alone still fails', async () => {
    writeFileSync(join(dir, 'base.yaml'), 'services:\n  web:\n    image: busybox\n');
    writeFileSync(join(dir, 'broken.yaml'), 'services:\n  web:\n    image: [not, a, string\n');
    const files = ['-f', join(dir, 'base.yaml'), '-f', join(dir, 'broken.yaml'), '-f', join(dir, 'missing.yaml')];
    const result = await run(['config', ...files, '-p', 'lab'], { json: true });
    expect(result.code).toBe(0);
    const model = JSON.parse(result.out) as { services: Record<string, { image: string }>; warnings: string[] };
    expect(model.services.web.image).toBe('busybox');
    expect(model.warnings).toEqual([
      expect.stringMatching(new RegExp(`^compose file ${join(dir, 'broken.yaml')} left out: .*broken\\.yaml:\\d+:\\d+: `)),
      expect.stringMatching(new RegExp(`^compose file ${join(dir, 'missing.yaml')} left out: .*cannot be read`)),
    ]);
    for (const warning of model.warnings) expect(result.err).toContain(`warning: ${warning}`);
    // Changing things never degrades: the plan (what up would do) refuses the same files.
    expect(await dispatcher.invoke('compose.plan', { files: [join(dir, 'base.yaml'), join(dir, 'broken.yaml')] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const alone = await run(['config', '-f', join(dir, 'broken.yaml')]);
    expect(alone.code).toBe(2);
  });

  it('a missing verb or a stray word says how to call it', async () => {
    expect((await run([])).err).toMatch(/^Name what to do: benchtop compose \[-f FILE\]\.\.\. \[-p NAME\] \[--profile P\] up\|down/);
    expect((await run(['up', '--', 'x'])).err).toMatch(/^Unexpected "x"/);
  });

  it("parses docker compose's flags, short and long, before and after the verb", () => {
    const io = { env: {} } as CliContext['io'];
    const parse = (argv: string[], flags: CliContext['flags'] = {}) => {
      const parsed = words(argv);
      return parseComposeArgs({ args: parsed.args, flags: { ...parsed.flags, ...flags }, io });
    };
    expect(parse(['down', '-v', '-t', '5'], { 'remove-orphans': true })).toMatchObject({ verb: 'down', options: { volumes: true, timeout: '5', 'remove-orphans': true } });
    expect(parse(['down'], { volumes: true, timeout: '7' }).options).toEqual({ volumes: true, timeout: '7' });
    expect(parse(['-f', 'a.yaml', '-p', 'lab', 'up', '-d'], { build: true, 'force-recreate': true, 'no-deps': true, 'remove-orphans': true, wait: true })).toMatchObject({
      verb: 'up',
      project: 'lab',
      options: { detach: true, build: true, 'force-recreate': true, 'no-deps': true, 'remove-orphans': true, wait: true },
    });
    expect(parse(['logs', '-f', '-t'], { tail: '20', 'no-color': true }).options).toEqual({ follow: true, timestamps: true, tail: '20', 'no-color': true });
    // -f after logs is --follow, unless a compose file follows it.
    expect(parse(['logs', '-f', 'x.yaml', '-ft'])).toMatchObject({ files: [expect.stringMatching(/x\.yaml$/)], options: { follow: true, timestamps: true } });
    expect(parse(['ps', '-a', '-q'], { format: 'json' }).options).toEqual({ all: true, quiet: true, format: 'json' });
    expect(parse(['ps', '-aq']).options).toEqual({ all: true, quiet: true });
    expect(() => parse(['down', '-x'])).toThrow(/unknown flag -x for benchtop compose/);
    expect(() => parse(['ps'], { volumes: true })).toThrow(/compose ps does not take --volumes/);
    expect(() => parse(['down', '-t'])).toThrow(/--timeout needs a value/);
  });
});
